using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Amigo;

/// <summary>
/// Validates the options of every registered client (the default one and each keyed one) with the same rules as
/// <see cref="AmigoClient"/>'s constructor. With <c>ValidateOnStart</c>, a bad setting fails the host's start; the
/// failure names the client and the setting, for example
/// <c>The AmigoClient 'eu', setting 'OrganizationId': AmigoClientOptions.OrganizationId is required ...</c>.
/// </summary>
internal sealed partial class AmigoClientOptionsValidator : IValidateOptions<AmigoClientOptions>
{
    public ValidateOptionsResult Validate(string? name, AmigoClientOptions options)
    {
        try
        {
            options.Validate();
            return ValidateOptionsResult.Success;
        }
        catch (AmigoConfigurationException ex)
        {
            var client = string.IsNullOrEmpty(name) ? "The default AmigoClient" : $"The AmigoClient '{name}'";
            return ValidateOptionsResult.Fail($"{client}, setting '{ex.Setting}': {ex.Message}");
        }
    }

    /// <summary>
    /// The failure of resolving a client whose options are invalid, as the SDK reports it everywhere else: an
    /// <see cref="AmigoConfigurationException"/> naming the setting.
    /// </summary>
    public static AmigoConfigurationException? ToConfigurationException(OptionsValidationException exception) =>
        exception.Failures.Select(failure => SettingPattern.Match(failure)).FirstOrDefault(match => match.Success) is { } match
            ? new AmigoConfigurationException(match.Groups[1].Value, exception.Message)
            : null;

    private static readonly Regex SettingPattern = new(@"^The (?:default AmigoClient|AmigoClient '.*'), setting '([^']+)': ", RegexOptions.CultureInvariant);
}
