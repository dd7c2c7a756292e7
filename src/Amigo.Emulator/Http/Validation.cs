using Newtonsoft.Json.Linq;

namespace Amigo.Emulator.Http;

/// <summary>Collects request validation errors in FastAPI's shape: <c>{"type","loc","msg","input","ctx"?}</c>.</summary>
internal sealed class Validation
{
    private readonly JArray _errors = [];

    public bool HasErrors => _errors.Count > 0;

    /// <summary>The errors recorded so far.</summary>
    public IEnumerable<JObject> Errors => _errors.OfType<JObject>();

    /// <summary>Records an error another <see cref="Validation"/> found.</summary>
    public void Add(JObject error) => _errors.Add(error.DeepClone());

    public JObject Body => new() { ["detail"] = _errors };

    public void Add(string type, string message, JToken? input, JObject? context, params object[] location)
    {
        var error = new JObject
        {
            ["type"] = type,
            ["loc"] = new JArray(location.Select(l => l is int i ? new JValue(i) : new JValue(l.ToString()))),
            ["msg"] = message,
            ["input"] = input?.DeepClone() ?? JValue.CreateNull(),
        };
        if (context is not null)
        {
            error["ctx"] = context;
        }

        _errors.Add(error);
    }

    public void Missing(params object[] location) => Add("missing", "Field required", null, null, location);

    public void Pattern(string pattern, JToken input, params object[] location) =>
        Add("string_pattern_mismatch", $"String should match pattern '{pattern}'", input,
            new JObject { ["pattern"] = pattern }, location);

    public void TooShort(int min, JToken input, params object[] location) =>
        Add("string_too_short", $"String should have at least {min} character{(min == 1 ? "" : "s")}", input,
            new JObject { ["min_length"] = min }, location);

    public void TooLong(int max, JToken input, params object[] location) =>
        Add("string_too_long", $"String should have at most {max} character{(max == 1 ? "" : "s")}", input,
            new JObject { ["max_length"] = max }, location);

    public void ValueError(string message, JToken? input, params object[] location) =>
        Add("value_error", "Value error, " + message, input, new JObject { ["error"] = message }, location);

    public void Choice(IReadOnlyList<string> allowed, JToken input, params object[] location)
    {
        var expected = allowed.Count == 1
            ? $"'{allowed[0]}'"
            : string.Join(", ", allowed.Take(allowed.Count - 1).Select(a => $"'{a}'")) + $" or '{allowed[^1]}'";
        Add(allowed.Count == 1 ? "literal_error" : "enum", $"Input should be {expected}", input,
            new JObject { ["expected"] = expected }, location);
    }
}
