using System.Threading.Channels;
using System.Net.Http.Headers;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Amigo.Emulator.Tests;

/// <summary>A started emulator plus a raw HttpClient signed in as the demo user, and small helpers for the wire format.</summary>
internal sealed class EmulatorSession : IAsyncDisposable
{
    public static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    private EmulatorSession(AmigoEmulator emulator, HttpClient http)
    {
        Emulator = emulator;
        Http = http;
    }

    public AmigoEmulator Emulator { get; }
    public HttpClient Http { get; }
    public string Org => Emulator.OrganizationId;
    public string Token { get; private set; } = "";
    public static string ServiceId => AmigoEmulatorOptions.DemoServiceId;

    public static async Task<EmulatorSession> StartAsync(AmigoEmulatorOptions? options = null, bool signIn = true)
    {
        var emulator = await AmigoEmulator.StartAsync(options);
        var http = new HttpClient { BaseAddress = emulator.BaseUrl, Timeout = Guard };
        var session = new EmulatorSession(emulator, http);
        if (signIn)
        {
            await session.SignInAsync();
        }

        return session;
    }

    public async Task SignInAsync(string userId = AmigoEmulatorOptions.DemoUserId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"v1/{Org}/user/signin_with_api_key");
        request.Headers.Add("x-api-key", AmigoEmulatorOptions.DemoApiKey);
        request.Headers.Add("x-api-key-id", AmigoEmulatorOptions.DemoApiKeyId);
        request.Headers.Add("x-user-id", userId);
        using var response = await Http.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.OK));
        Token = (string)JObject.Parse(await response.Content.ReadAsStringAsync())["id_token"]!;
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
    }

    public static StringContent Json(object body) =>
        new(body as string ?? JsonConvert.SerializeObject(body), Encoding.UTF8, "application/json");

    public async Task<(int Status, JToken Body)> GetAsync(string path)
    {
        using var response = await Http.GetAsync($"v1/{Org}/{path}");
        return ((int)response.StatusCode, await BodyAsync(response));
    }

    public async Task<(int Status, JToken Body)> PostAsync(string path, object? body)
    {
        using var response = await Http.PostAsync($"v1/{Org}/{path}", body is null ? null : Json(body));
        return ((int)response.StatusCode, await BodyAsync(response));
    }

    public async Task<(int Status, JToken Body)> DeleteAsync(string path)
    {
        using var response = await Http.DeleteAsync($"v1/{Org}/{path}");
        return ((int)response.StatusCode, await BodyAsync(response));
    }

    public static async Task<JToken> BodyAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return text.Length == 0 ? JValue.CreateNull() : Parse(text);
    }

    public HttpRequestMessage CreateRequest(object? body = null, string query = "response_format=text") =>
        new(HttpMethod.Post, $"v1/{Org}/conversation/?{query}") { Content = Json(body ?? new { service_id = ServiceId }) };

    public HttpRequestMessage InteractRequest(string conversationId, string message, string type = "user-message",
        string query = "request_format=text&response_format=text", HttpContent? recorded = null,
        IReadOnlyList<(string Content, string Timestamp)>? externalEvents = null)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(type), "initial_message_type" },
        };
        if (recorded is not null)
        {
            form.Add(recorded, "recorded_message", "recorded_message");
        }
        else
        {
            form.Add(new StringContent(message), "recorded_message");
        }

        foreach (var (content, timestamp) in externalEvents ?? [])
        {
            form.Add(new StringContent(content), "external_event_message_content");
            form.Add(new StringContent(timestamp), "external_event_message_timestamp");
        }

        return new HttpRequestMessage(HttpMethod.Post, $"v1/{Org}/conversation/{conversationId}/interact?{query}") { Content = form };
    }

    /// <summary>Sends a streaming request and reads every NDJSON event to the end.</summary>
    public async Task<(int Status, List<JObject> Events)> StreamAsync(HttpRequestMessage request)
    {
        using (request)
        using (var response = await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead))
        {
            if (!response.IsSuccessStatusCode)
            {
                return ((int)response.StatusCode, [(JObject)await BodyAsync(response)]);
            }

            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/x-ndjson"));
            var events = new List<JObject>();
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            while (await reader.ReadLineAsync() is { } line)
            {
                events.Add((JObject)Parse(line));
            }

            return ((int)response.StatusCode, events);
        }
    }

    public async Task<string> CreateConversationAsync(object? body = null)
    {
        var (status, events) = await StreamAsync(CreateRequest(body));
        Assert.That(status, Is.EqualTo(201), events.FirstOrDefault()?.ToString());
        return (string)events[0]["conversation_id"]!;
    }

    public async Task<List<JObject>> InteractAsync(string conversationId, string message)
    {
        var (status, events) = await StreamAsync(InteractRequest(conversationId, message));
        Assert.That(status, Is.EqualTo(200), events.FirstOrDefault()?.ToString());
        return events;
    }

    /// <summary>Parses JSON keeping date strings as strings (exactly as sent).</summary>
    public static JToken Parse(string json)
    {
        using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None };
        return JToken.ReadFrom(reader);
    }

    public static IEnumerable<string> Types(IEnumerable<JObject> events) => events.Select(e => (string)e["type"]!);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Emulator.DisposeAsync();
    }
}

/// <summary>A clock tests move by hand; timers created on it fire only when <see cref="Advance"/> passes their due time.</summary>
internal sealed class ManualTimeProvider : TimeProvider
{
    private readonly object _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private readonly Channel<TimeSpan> _created = Channel.CreateUnbounded<TimeSpan>();
    private DateTimeOffset _now = new(2026, 1, 15, 9, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    /// <summary>Completes with the due time of the next timer created on this clock.</summary>
    public async Task<TimeSpan> NextTimerAsync() => await _created.Reader.ReadAsync();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        lock (_gate)
        {
            timer.Due = _now + dueTime;
            _timers.Add(timer);
        }

        _created.Writer.TryWrite(dueTime);
        return timer;
    }

    public void Advance(TimeSpan by)
    {
        List<ManualTimer> due;
        lock (_gate)
        {
            _now += by;
            due = _timers.Where(t => t.Due <= _now).ToList();
            _timers.RemoveAll(due.Contains);
        }

        foreach (var timer in due)
        {
            timer.Fire();
        }
    }

    private void Remove(ManualTimer timer)
    {
        lock (_gate)
        {
            _timers.Remove(timer);
        }
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset Due { get; set; }

        public void Fire() => callback(state);

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (owner._gate)
            {
                Due = owner._now + dueTime;
                if (!owner._timers.Contains(this))
                {
                    owner._timers.Add(this);
                }
            }

            return true;
        }

        public void Dispose() => owner.Remove(this);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
