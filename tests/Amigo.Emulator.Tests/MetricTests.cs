using Newtonsoft.Json.Linq;
using static Amigo.Emulator.Tests.EmulatorSession;

namespace Amigo.Emulator.Tests;

public sealed class MetricTests
{
    private static string MetricId(int i) => i.ToString("x24");

    [Test]
    public async Task Evaluate_IsDeterministic_WithNumberBooleanStringAndNullValues()
    {
        await using var session = await StartAsync();
        var conversation = await session.CreateConversationAsync();
        var ids = Enumerable.Range(1, 10).Select(MetricId).ToArray();

        var (status, first) = await session.PostAsync("metric/evaluate", new { metric_ids = ids, conversation_id = conversation });
        var (_, second) = await session.PostAsync("metric/evaluate", new { metric_ids = ids, conversation_id = conversation });

        Assert.That(status, Is.EqualTo(200));
        Assert.That(first.ToString(), Is.EqualTo(second.ToString()));
        var metrics = first["metrics"]!.ToList();
        Assert.That(metrics.Select(m => (string)m["metric_id"]!), Is.EqualTo(ids));
        Assert.That(metrics.All(m => m["references"] is JArray && m["justification"]!.Type == JTokenType.String));
        var kinds = Enumerable.Range(1, 200).Select(i => MetricId(i))
            .Select(id => Operations.MetricOperations.Deterministic(id).Type).Distinct();
        Assert.That(kinds, Is.EquivalentTo(new[] { JTokenType.Float, JTokenType.Boolean, JTokenType.String, JTokenType.Null }));
    }

    [Test]
    public async Task Evaluate_UsesValuesSetByTheTest_AndChecksConversationAndInteraction()
    {
        await using var session = await StartAsync();
        var conversation = await session.CreateConversationAsync();
        session.Emulator.SetMetricValue(MetricId(1), 4.5);
        session.Emulator.SetMetricValue(MetricId(2), null);

        var (_, body) = await session.PostAsync("metric/evaluate", new { metric_ids = new[] { MetricId(1), MetricId(2) }, conversation_id = conversation });
        var (unknownConversation, _) = await session.PostAsync("metric/evaluate", new { metric_ids = new[] { MetricId(1) }, conversation_id = MetricId(99) });
        var (unknownInteraction, _) = await session.PostAsync("metric/evaluate",
            new { metric_ids = new[] { MetricId(1) }, conversation_id = conversation, evaluate_to_interaction_id = MetricId(98) });

        Assert.That((double)body["metrics"]![0]!["value"]!, Is.EqualTo(4.5));
        Assert.That(body["metrics"]![1]!["value"]!.Type, Is.EqualTo(JTokenType.Null));
        Assert.That(unknownConversation, Is.EqualTo(404));
        Assert.That(unknownInteraction, Is.EqualTo(404));
    }

    [Test]
    public async Task Evaluate_OnAConversationWithoutInteractions_Is400()
    {
        var agent = new ScriptedAgent((turn, _) => throw new InvalidOperationException("no greeting"));
        await using var session = await StartAsync(new AmigoEmulatorOptions { Agent = agent });
        var (_, events) = await session.StreamAsync(session.CreateRequest());

        var (status, _) = await session.PostAsync("metric/evaluate", new { metric_ids = new[] { MetricId(1) }, conversation_id = (string)events[0]["conversation_id"]! });

        Assert.That(status, Is.EqualTo(400));
    }
}
