using Amigo.Streaming;
using Newtonsoft.Json;

namespace Amigo.Tests.Streaming;

/// <summary>
/// A minimal event shape for the generic stream tests: "done" is terminal, "error" is an in-stream error.
/// </summary>
public sealed class TestEvent
{
    [JsonProperty("type", Required = Required.Always)]
    public string Type { get; set; } = "";

    [JsonProperty("n")]
    public int N { get; set; }

    [JsonProperty("text")]
    public string? Text { get; set; }

    [JsonProperty("http_error_code")]
    public int HttpErrorCode { get; set; }

    [JsonProperty("error_description")]
    public string? ErrorDescription { get; set; }

    public static string Line(int n, string? text = null) =>
        JsonConvert.SerializeObject(new { type = "item", n, text });

    public const string Done = "{\"type\":\"done\"}";

    internal static AmigoEventStream<TestEvent> Stream(
        HttpClient client,
        AmigoStreamOptions? options = null,
        CancellationToken cancellationToken = default,
        Action? onSend = null,
        string path = "stream",
        TimeProvider? timeProvider = null) =>
        new(async token =>
            {
                onSend?.Invoke();
                return await client.SendAsync(
                    new HttpRequestMessage(HttpMethod.Post, path), HttpCompletionOption.ResponseHeadersRead, token);
            },
            new EventStreamSettings<TestEvent>
            {
                Operation = "test-stream",
                Deserializer = new NewtonsoftNdjsonDeserializer<TestEvent>(JsonSerializer.CreateDefault()),
                Options = options ?? new AmigoStreamOptions(),
                IsTerminalEvent = e => e.Type == "done",
                ReadError = e => e.Type == "error" ? new InStreamError(e.HttpErrorCode, e.ErrorDescription ?? "") : null,
                TimeProvider = timeProvider ?? TimeProvider.System,
            },
            cancellationToken);
}
