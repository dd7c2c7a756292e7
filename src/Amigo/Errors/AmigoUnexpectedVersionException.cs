namespace Amigo;

/// <summary>
/// <see cref="DynamicBehaviorSetsResource.CreateVersionAsync"/> was given an expected version number that is not the
/// next version of the set (HTTP 400): another version was created in between, or the number was wrong. List the
/// latest version and retry with the number after it.
/// </summary>
public sealed class AmigoUnexpectedVersionException : AmigoApiException
{
    internal AmigoUnexpectedVersionException(string dynamicBehaviorSetId, int expectedVersion, AmigoApiException inner)
        : base(
            inner.StatusCode,
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
