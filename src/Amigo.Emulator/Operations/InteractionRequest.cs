using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Amigo.Emulator.Http;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Amigo.Emulator.Operations;

/// <summary>
/// An <c>interact-with-conversation</c> request, read and validated: the query (formats, action filter, audio config),
/// the <c>content-type</c> header, and the multipart body (one of the spec's user-message, external-event and skip
/// variants).
/// </summary>
internal sealed partial class InteractionRequest
{
    private static readonly string[] MessageTypes = ["external-event", "user-message", "skip"];

    public required string RequestFormat { get; init; }
    public required string ResponseFormat { get; init; }
    public required Regex ActionFilter { get; init; }
    public required string MessageType { get; init; }

    /// <summary>The message for text requests.</summary>
    public string? Text { get; init; }

    /// <summary>The upload for voice requests (except skips).</summary>
    public RecordedAudio? Audio { get; init; }

    public required IReadOnlyList<(string Text, DateTimeOffset At)> ExternalEvents { get; init; }

    /// <summary>The request, or null when validation failed (the errors are in <see cref="Call.Validation"/>).</summary>
    public static async Task<InteractionRequest?> ReadAsync(Call call)
    {
        var query = call.Query;
        var requestFormat = query.Choice("request_format", ConversationStreams.Formats, required: true);
        var responseFormat = query.Choice("response_format", ConversationStreams.Formats, required: true);
        var actionFilter = ConversationStreams.ActionFilter(call);
        var audioConfig = AudioConfig(call, requestFormat);
        var contentType = call.Http.Request.ContentType;
        if (contentType is null)
        {
            call.Validation.Missing("header", "content-type");
        }
        else if (!MultipartContentType().IsMatch(contentType))
        {
            call.Validation.Pattern(@"^multipart\/form-data; boundary=.+$", contentType, "header", "content-type");
        }

        if (call.Validation.HasErrors)
        {
            return null;
        }

        var form = await call.Http.Request.ReadFormAsync(call.Cancellation);
        var messageType = FormField(call, form, "initial_message_type");
        if (messageType is not null && !MessageTypes.Contains(messageType))
        {
            call.Validation.Choice(MessageTypes, messageType, "body", "initial_message_type");
        }

        byte[]? bytes = null;
        string? text = null;
        var file = form.Files.GetFile("recorded_message");
        if (file is not null)
        {
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, call.Cancellation);
            bytes = buffer.ToArray();
            text = requestFormat == "text" ? Encoding.UTF8.GetString(bytes) : null;
        }
        else if (form.TryGetValue("recorded_message", out var field))
        {
            text = field.ToString();
            bytes = Encoding.UTF8.GetBytes(text);
        }
        else
        {
            call.Validation.Missing("body", "recorded_message");
        }

        var events = ReadExternalEvents(call, form);
        var size = bytes?.Length ?? 0;
        if (messageType == "skip")
        {
            if (size > 0)
            {
                call.Validation.TooLong(0, text ?? "<file>", "body", "recorded_message");
            }

            if (events.Count > 0)
            {
                call.Validation.Add("too_long", "List should have at most 0 items after validation",
                    new JArray(events.Select(e => e.Text)), null, "body", "external_event_message_content");
            }
        }
        else if (messageType is not null && bytes is not null && size == 0)
        {
            call.Validation.TooShort(1, "", "body", "recorded_message");
        }

        if (call.Validation.HasErrors)
        {
            return null;
        }

        var voice = requestFormat == "voice" && messageType != "skip";
        return new InteractionRequest
        {
            RequestFormat = requestFormat!,
            ResponseFormat = responseFormat!,
            ActionFilter = actionFilter!,
            MessageType = messageType!,
            Text = voice ? null : text,
            Audio = voice ? new RecordedAudio(bytes!, audioConfig!.Value.Type, audioConfig.Value.FrameRate, audioConfig.Value.SampleWidth) : null,
            ExternalEvents = events,
        };
    }

    /// <summary>Whether the upload looks like its declared format: PCM in whole samples, or MP3 (ID3 tag or frame sync).</summary>
    public static bool IsSupported(RecordedAudio audio) => audio.Format switch
    {
        "pcm" => audio.Bytes.Length > 0 && audio.Bytes.Length % (audio.SampleWidth ?? 2) == 0,
        _ => audio.Bytes.Length >= 3 &&
             ((audio.Bytes[0] == (byte)'I' && audio.Bytes[1] == (byte)'D' && audio.Bytes[2] == (byte)'3') ||
              (audio.Bytes[0] == 0xFF && (audio.Bytes[1] & 0xE0) == 0xE0)),
    };

    /// <summary>The default "transcript" of an upload: what it is and how long.</summary>
    public static string Describe(RecordedAudio audio) => audio.Format == "pcm"
        ? string.Create(CultureInfo.InvariantCulture,
            $"[voice message: {audio.Bytes.Length / (double)(audio.FrameRate!.Value * audio.SampleWidth!.Value):0.00} s of pcm audio]")
        : $"[voice message: {audio.Bytes.Length} bytes of mp3 audio]";

    private static List<(string Text, DateTimeOffset At)> ReadExternalEvents(Call call, IFormCollection form)
    {
        var contents = form.TryGetValue("external_event_message_content", out var c) ? c.Select(v => v ?? "").ToList() : [];
        var stamps = form.TryGetValue("external_event_message_timestamp", out var t) ? t.Select(v => v ?? "").ToList() : [];
        for (var i = 0; i < contents.Count; i++)
        {
            if (contents[i].Length == 0)
            {
                call.Validation.TooShort(1, contents[i], "body", "external_event_message_content", i);
            }
        }

        var times = new List<DateTimeOffset>();
        for (var i = 0; i < stamps.Count; i++)
        {
            if (ParseDateTime(stamps[i]) is { } at)
            {
                times.Add(at);
            }
            else
            {
                call.Validation.Add("datetime_from_date_parsing",
                    "Input should be a valid datetime (ISO 8601, for example 2024-05-01T12:30:00.000Z)", stamps[i], null,
                    "body", "external_event_message_timestamp", i);
            }
        }

        if (contents.Count != stamps.Count)
        {
            call.Validation.ValueError(
                "external_event_message_content and external_event_message_timestamp must have the same length", null, "body");
        }

        return call.Validation.HasErrors ? [] : contents.Zip(times).ToList();
    }

    /// <summary>Parses a datetime the way pydantic does: ISO 8601 (a missing offset means UTC) or Unix seconds.
    /// Culture formats such as <c>11/23/2026 11:45:29 +00:00</c> are rejected.</summary>
    internal static DateTimeOffset? ParseDateTime(string value)
    {
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds))
        {
            return DateTimeOffset.UnixEpoch.AddSeconds(seconds);
        }

        if (!IsoDateTime().IsMatch(value))
        {
            return null;
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : null;
    }

    private static (string Type, int? FrameRate, int? SampleWidth)? AudioConfig(Call call, string? requestFormat)
    {
        object[] at = ["query", "request_audio_config"];
        var raw = call.Query.Raw("request_audio_config");
        if (raw is null)
        {
            if (requestFormat == "voice")
            {
                call.Validation.ValueError("request_audio_config is required when request_format is voice", null, at);
            }

            return null;
        }

        JObject config;
        try
        {
            using var reader = new JsonTextReader(new StringReader(raw)) { DateParseHandling = DateParseHandling.None };
            if (JToken.ReadFrom(reader) is not JObject parsed)
            {
                call.Validation.Add("model_attributes_type", "Input should be a valid dictionary or object to extract fields from",
                    raw, null, at);
                return null;
            }

            config = parsed;
        }
        catch (JsonReaderException e)
        {
            call.Validation.Add("json_invalid", "Invalid JSON: " + e.Message, raw, null, at);
            return null;
        }

        var type = config.Value<string>("type");
        if (type == "mp3")
        {
            return ("mp3", null, null);
        }

        if (type != "pcm")
        {
            call.Validation.Add("union_tag_invalid",
                $"Input tag '{type}' found using 'type' does not match any of the expected tags: 'mp3', 'pcm'",
                config, new JObject { ["discriminator"] = "'type'", ["tag"] = type, ["expected_tags"] = "'mp3', 'pcm'" }, at);
            return null;
        }

        var body = call.Body;
        object[] pcm = [.. at, "pcm"];
        var frameRate = body.Int(config, "frame_rate", pcm, minimum: 4000, maximum: 44100);
        var channels = body.Int(config, "n_channels", pcm);
        var sampleWidth = body.Int(config, "sample_width", pcm);
        if (channels is not null and not 1)
        {
            call.Validation.Choice(["1"], config["n_channels"]!, [.. pcm, "n_channels"]);
        }

        if (sampleWidth is not null and not (2 or 4))
        {
            call.Validation.Choice(["2", "4"], config["sample_width"]!, [.. pcm, "sample_width"]);
        }

        return ("pcm", frameRate, sampleWidth);
    }

    private static string? FormField(Call call, IFormCollection form, string name)
    {
        if (form.TryGetValue(name, out var value))
        {
            return value.ToString();
        }

        call.Validation.Missing("body", name);
        return null;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[T t]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}(:?\d{2})?)?$")]
    private static partial Regex IsoDateTime();

    [GeneratedRegex(@"^multipart\/form-data; boundary=.+$")]
    private static partial Regex MultipartContentType();
}
