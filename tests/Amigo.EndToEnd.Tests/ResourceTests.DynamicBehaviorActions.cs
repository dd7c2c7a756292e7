// Requires: CreateDynamicBehaviorSetRequestInitialVersion.Actions, CreateDynamicBehaviorSetVersionRequest.Actions, DynamicBehaviorSetVersion.Actions, InjectInstructionActionInput, InjectInstructionActionOutput
using Amigo.Generated;

namespace Amigo.EndToEnd.Tests;

/// <summary>The behavior-set actions of <see cref="Dynamic_behavior_sets_through_their_whole_life"/>, which only the newest spec release has.</summary>
public partial class ResourceTests
{
    static partial void WithInstruction(CreateDynamicBehaviorSetRequestInitialVersion version, string instruction) =>
        version.Actions = [new InjectInstructionActionInput { Instruction = instruction, OverridesInstructions = false }];

    static partial void WithInstruction(CreateDynamicBehaviorSetVersionRequest version, string instruction) =>
        version.Actions = [new InjectInstructionActionInput { Instruction = instruction, OverridesInstructions = true }];

    static partial void AssertInstructions(IReadOnlyList<DynamicBehaviorSetVersion> versions) =>
        Assert.That(versions.SelectMany(v => v.Actions), Has.Some.InstanceOf<InjectInstructionActionOutput>());
}
