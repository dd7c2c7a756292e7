namespace Amigo;

/// <summary>
/// <see cref="DynamicBehaviorSetsResource.CreateVersionAsync"/> was given an expected version number that is not the
/// next version of the set (HTTP 400): another version was created in between, or the number was wrong. List the
/// latest version and retry with the number after it.
/// </summary>
public sealed class AmigoUnexpectedVersionException : AmigoApiException
{
    /// <summary>Creates the exception, for example in a test of code that handles it.</summary>
    /// <param name="dynamicBehaviorSetId">The dynamic behavior set.</param>
    /// <param name="expectedVersion">The version the caller expected to create.</param>
    /// <param name="inner">The API error the server answered with.</param>
    public AmigoUnexpectedVersionException(string dynamicBehaviorSetId, int expectedVersion, AmigoApiException inner)
        : base(
            (inner ?? throw new ArgumentNullException(nameof(inner))).StatusCode,
            $"Version {expectedVersion} is not the next version of dynamic behavior set {dynamicBehaviorSetId}, so it was not created (HTTP {inner.StatusCode}"
                + (inner.Detail is null ? ")." : $": {inner.Detail.TrimEnd('.')}).")
                + (inner.RequestId is null ? string.Empty : $" Request id {inner.RequestId}."),
            inner.Details,
            inner)
    {
        DynamicBehaviorSetId = dynamicBehaviorSetId;
        ExpectedVersion = expectedVersion;
    }

    /// <summary>The dynamic behavior set.</summary>
    public string DynamicBehaviorSetId { get; }

    /// <summary>The version number the caller expected to create.</summary>
    public int ExpectedVersion { get; }
}
