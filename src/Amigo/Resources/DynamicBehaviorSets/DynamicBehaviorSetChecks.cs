namespace Amigo;

public partial class DynamicBehaviorSetsResource
{
    private static void CheckActions<TAction>(IList<TAction>? actions, string paramName)
        where TAction : class
    {
        if (actions is null)
        {
            throw new ArgumentNullException(paramName, $"{paramName} is required (it may be empty).");
        }

        for (var i = 0; i < actions.Count; i++)
        {
            if (actions[i] is null)
            {
                throw new ArgumentException($"{paramName}[{i}] is null.", paramName);
            }
        }
    }
}
