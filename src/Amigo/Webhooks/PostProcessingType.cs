namespace Amigo.Webhooks;

/// <summary>
/// Which post-processing step finished, in <see cref="ConversationPostProcessingCompleteEvent"/>. The known values
/// are the static properties; a value the API adds later comes through as is (<see cref="IsKnown"/> is false) instead
/// of failing.
/// </summary>
public readonly struct PostProcessingType : IEquatable<PostProcessingType>
{
    private static readonly string[] KnownValues = ["generate-tasks", "generate-user-models", "extract-memories", "compute-metrics"];
    private readonly string? _value;

    /// <summary>Wraps a wire value.</summary>
    /// <param name="value">The <c>post_processing_type</c> value, for example <c>extract-memories</c>.</param>
    public PostProcessingType(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _value = value;
    }

    /// <summary><c>generate-tasks</c>.</summary>
    public static PostProcessingType GenerateTasks { get; } = new(KnownValues[0]);

    /// <summary><c>generate-user-models</c>.</summary>
    public static PostProcessingType GenerateUserModels { get; } = new(KnownValues[1]);

    /// <summary><c>extract-memories</c>.</summary>
    public static PostProcessingType ExtractMemories { get; } = new(KnownValues[2]);

    /// <summary><c>compute-metrics</c>.</summary>
    public static PostProcessingType ComputeMetrics { get; } = new(KnownValues[3]);

    /// <summary>The wire value (empty for <c>default</c>).</summary>
    public string Value => _value ?? "";

    /// <summary>Whether this is one of the values this SDK version knows.</summary>
    public bool IsKnown => KnownValues.Contains(Value, StringComparer.Ordinal);

    /// <summary>Compares wire values (ordinal).</summary>
    public static bool operator ==(PostProcessingType left, PostProcessingType right) => left.Equals(right);

    /// <summary>Compares wire values (ordinal).</summary>
    public static bool operator !=(PostProcessingType left, PostProcessingType right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(PostProcessingType other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is PostProcessingType other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <summary>The wire value.</summary>
    /// <returns><see cref="Value"/>.</returns>
    public override string ToString() => Value;
}
