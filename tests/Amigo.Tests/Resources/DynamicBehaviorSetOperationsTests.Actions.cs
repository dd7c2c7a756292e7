// Requires: CreateDynamicBehaviorSetRequestInitialVersion.Actions, CreateDynamicBehaviorSetVersionRequest.Actions, DynamicBehaviorSetVersion.Actions, InjectInstructionActionInput, InjectInstructionActionOutput
using Amigo.Generated;
using Newtonsoft.Json.Linq;

namespace Amigo.Tests.Resources;

/// <summary>Behavior-set actions, which only the newest spec release has.</summary>
public sealed partial class DynamicBehaviorSetOperationsTests
{
    static partial void WithInstruction(CreateDynamicBehaviorSetRequestInitialVersion version, string instruction, JObject expected) =>
        version.Actions = [Inject(instruction, overrides: false, expected)];

    static partial void WithInstruction(CreateDynamicBehaviorSetVersionRequest version, string instruction, JObject expected) =>
        version.Actions = [Inject(instruction, overrides: true, expected)];

    static partial void AssertInstruction(DynamicBehaviorSetVersion version) =>
        Assert.That(version.Actions.Single(), Is.InstanceOf<InjectInstructionActionOutput>());

    private static InjectInstructionActionInput Inject(string instruction, bool overrides, JObject expected)
    {
        expected["actions"] = new JArray(new JObject { ["type"] = "inject-instruction", ["instruction"] = instruction, ["overrides_instructions"] = overrides });
        return new InjectInstructionActionInput { Instruction = instruction, OverridesInstructions = overrides };
    }
}
