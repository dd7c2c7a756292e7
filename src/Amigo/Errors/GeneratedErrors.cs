using Newtonsoft.Json;

namespace Amigo;

/// <summary>Translates failures raised inside generated clients into the façade's exception types.</summary>
internal static class GeneratedErrors
{
    public static Exception? Translate(Exception exception, string operation) => exception switch
    {
        AmigoException => null,
        JsonException json => new AmigoDecodeException(operation, 200, json.Message, json),
        _ => null,
    };
}
