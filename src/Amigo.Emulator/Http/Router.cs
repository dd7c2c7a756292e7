using Amigo.Emulator.Operations;
using Amigo.Emulator.Spec;

namespace Amigo.Emulator.Http;

/// <summary>
/// The route table, built from the merged spec's paths (trailing slashes matched exactly, as the spec writes them;
/// literal segments before parameters). An operation with a stateful handler runs it; every other one is validated
/// against the spec and answered with a synthesized response.
/// </summary>
internal static class Router
{
    internal sealed record Route(SpecOperation Spec, Func<Call, Task> Handler, bool Stateful)
    {
        public string Operation => Spec.Id;
    }

    private static readonly Lazy<IReadOnlyList<Route>> Table = new(Build, LazyThreadSafetyMode.ExecutionAndPublication);

    public static IReadOnlyList<Route> Routes => Table.Value;

    /// <summary>Finds the route for a request. <paramref name="pathMatched"/> tells a wrong method (405) from an unknown path (404).</summary>
    public static Route? Match(string method, string path, out Dictionary<string, string> values, out bool pathMatched)
    {
        values = new Dictionary<string, string>(StringComparer.Ordinal);
        pathMatched = false;
        foreach (var route in Routes)
        {
            var match = route.Spec.Pattern.Match(path);
            if (!match.Success)
            {
                continue;
            }

            pathMatched = true;
            if (!string.Equals(route.Spec.Method, method, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            foreach (var name in route.Spec.Pattern.GetGroupNames().Where(n => !int.TryParse(n, out _)))
            {
                values[name] = Uri.UnescapeDataString(match.Groups[name].Value);
            }

            return route;
        }

        return null;
    }

    private static List<Route> Build()
    {
        var handlers = StatefulHandlers.All;
        var routes = EmulatorSpec.Instance.Operations
            .Select(o => handlers.TryGetValue(o.Id, out var handler)
                ? new Route(o, handler, true)
                : new Route(o, SynthesizedOperations.HandleAsync, false))
            .ToList();
        var unknown = handlers.Keys.Except(routes.Select(r => r.Operation), StringComparer.Ordinal).ToList();
        return unknown.Count == 0
            ? routes
            : throw new InvalidOperationException($"Stateful handlers for operations the spec does not have: {string.Join(", ", unknown)}.");
    }
}
