using System.Net;
using Amigo.Generated;
using Newtonsoft.Json.Linq;

namespace Amigo.Tests.Resources;

[TestFixture]
public sealed class MetricOperationsTests
{
    private RecordingApi _api = null!;

    [SetUp]
    public void SetUp() => _api = new RecordingApi();

    [TearDown]
    public void TearDown() => _api.Dispose();

    [Test]
    public async Task Evaluate_PostsTheRequest_AndReadsEachKindOfValue()
    {
        _api.RespondWith(HttpStatusCode.OK, """
            {"metrics":[
              {"metric_id":"m-number","value":4.5,"references":["r1"],"justification":"Polite."},
              {"metric_id":"m-integer","value":3,"references":[],"justification":"Three steps."},
              {"metric_id":"m-boolean","value":true,"references":[],"justification":"Resolved."},
              {"metric_id":"m-string","value":"2025-01-01T00:00:00Z","references":[],"justification":"A date-like label stays a string."},
              {"metric_id":"m-null","value":null,"references":[],"justification":"Not computable."}
            ]}
            """);

        var results = await _api.Client.Metrics.EvaluateAsync(new EvaluateMetricsRequest { MetricIds = [RecordingApi.MetricA, RecordingApi.MetricB], ConversationId = RecordingApi.ConversationId, EvaluateToInteractionId = RecordingApi.InteractionId });

        var request = _api.Single;
        Assert.That(request.Method, Is.EqualTo(HttpMethod.Post));
        Assert.That(request.Path, Is.EqualTo(RecordingApi.Path("metric/evaluate")));
        Assert.That(JToken.DeepEquals(request.Json, JToken.Parse($$"""
            {"metric_ids":["{{RecordingApi.MetricA}}","{{RecordingApi.MetricB}}"],"conversation_id":"{{RecordingApi.ConversationId}}",
             "evaluate_to_interaction_id":"{{RecordingApi.InteractionId}}"}
            """)), request.Body);

        Assert.That(results.Select(r => r.Value.Kind), Is.EqualTo(new[]
        {
            MetricValueKind.Number, MetricValueKind.Number, MetricValueKind.Boolean, MetricValueKind.String, MetricValueKind.Null,
        }));
        Assert.That(results[0].Value.TryGetNumber(out var number) && number == 4.5);
        Assert.That(results[0].Value.TryGetBoolean(out _), Is.False);
        Assert.That(results[0].Value.TryGetString(out _), Is.False);
        Assert.That(results[0].References, Is.EqualTo(new[] { "r1" }));
        Assert.That(results[0].Justification, Is.EqualTo("Polite."));
        Assert.That(results[1].Value.AsNumber(), Is.EqualTo(3d));
        Assert.That(results[2].Value.TryGetBoolean(out var boolean) && boolean);
        Assert.That(results[2].Value.AsNumber(), Is.Null);
        Assert.That(results[3].Value.TryGetString(out var text) ? text : null, Is.EqualTo("2025-01-01T00:00:00Z"));
        Assert.That(results[4].Value.IsNull);
        Assert.That(results[4].Value.AsString(), Is.Null);
        Assert.That(results[4].Value.ToString(), Is.EqualTo("null"));
    }

    [Test]
    public async Task Evaluate_WithoutInteraction_LeavesItOut()
    {
        _api.RespondWith(HttpStatusCode.OK, """{"metrics":[]}""");

        await _api.Client.Metrics.EvaluateAsync(new EvaluateMetricsRequest { MetricIds = [RecordingApi.MetricA], ConversationId = RecordingApi.ConversationId });

        Assert.That(JToken.DeepEquals(_api.Single.Json, JToken.Parse($$"""
            {"metric_ids":["{{RecordingApi.MetricA}}"],"conversation_id":"{{RecordingApi.ConversationId}}"}
            """)), _api.Single.Body);
    }

    [Test]
    public void Evaluate_AValueThatIsNeitherNumberBooleanStringNorNull_IsADecodeError()
    {
        _api.RespondWith(HttpStatusCode.OK, """{"metrics":[{"metric_id":"m","value":{"nested":1},"references":[],"justification":""}]}""");

        var error = Assert.ThrowsAsync<AmigoDecodeException>(() => _api.Client.Metrics.EvaluateAsync(new EvaluateMetricsRequest { MetricIds = [RecordingApi.MetricA], ConversationId = RecordingApi.ConversationId }));

        Assert.That(error!.Operation, Is.EqualTo("evaluate-metrics"));
        Assert.That(error.Message, Does.Contain("object"));
    }

    [Test]
    public void MetricValue_EqualityAndFactories()
    {
        Assert.That(AmigoMetricValue.FromNumber(1), Is.EqualTo(AmigoMetricValue.FromJsonValue(1L)));
        Assert.That(AmigoMetricValue.FromBoolean(true), Is.Not.EqualTo(AmigoMetricValue.FromNumber(1)));
        Assert.That(AmigoMetricValue.FromString(null), Is.EqualTo(AmigoMetricValue.Null));
        Assert.That(AmigoMetricValue.FromJsonValue(JValue.CreateNull()).IsNull);
        Assert.That(AmigoMetricValue.FromJsonValue(new JValue("x")).AsString(), Is.EqualTo("x"));
    }
}
