// Requires: CreateDynamicBehaviorSetRequestInitialVersion.Actions, CreateDynamicBehaviorSetVersionRequest.Actions
using Amigo.Generated;

namespace Amigo.Tests.Resources;

/// <summary>Behavior-set actions, which only the newest spec release has (and requires).</summary>
public sealed partial class ValidationTests
{
    static partial void NoActions(CreateDynamicBehaviorSetVersionRequest version) => version.Actions = [];

    static partial void NoActions(CreateDynamicBehaviorSetRequestInitialVersion version) => version.Actions = [];
}
