namespace Amigo;

/// <summary>
/// The base of every exception the Amigo SDK throws for a failed call: API errors, network failures,
/// timeouts, undecodable responses and broken event streams.
/// </summary>
public class AmigoException : Exception
{
    /// <summary>Creates an exception with a message that says what went wrong and where.</summary>
    public AmigoException(string message) : base(message) { }

    /// <summary>Creates an exception with a message and the underlying cause.</summary>
    public AmigoException(string message, Exception? innerException) : base(message, innerException) { }
}
