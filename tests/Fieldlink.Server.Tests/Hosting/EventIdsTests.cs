using System.Reflection;
using Microsoft.Extensions.Logging;

namespace Fieldlink.Server.Tests.Hosting;

/// <summary>
/// Every [LoggerMessage] of every Fieldlink project has an id of its own, in its project's range, and listed in the
/// project's <c>&lt;Project&gt;EventIds</c> table when it has one, so a log search by id finds one message.
/// </summary>
public sealed class EventIdsTests
{
    /// <summary>Each project's range; a project that logs and is not here fails the test until it is given one.</summary>
    private static readonly (string Assembly, int From, int To)[] Ranges =
    [
        ("Fieldlink.Core", 1000, 4999),
        ("fieldlink", 5000, 5999),
        ("Fieldlink.Connectors.Mqtt", 6000, 6999),
        ("Fieldlink.Connectors.Http", 7000, 7999),
        ("Fieldlink.Connectors.Simulator", 8000, 8999),
        ("Fieldlink.Storage.Sqlite", 9000, 9999),
        ("Fieldlink.Storage.Postgres", 9000, 9999),
        ("Fieldlink.Sdk", 0, -1),
    ];

    [Fact]
    public void Every_logged_event_id_is_unique_across_the_projects_and_in_its_projects_range()
    {
        var seen = new Dictionary<int, string>();
        var problems = new List<string>();
        foreach (var (name, from, to) in Ranges)
        {
            var assembly = Assembly.Load(name);
            var table = assembly.GetTypes().SingleOrDefault(t => t.IsAbstract && t.IsSealed && t.Name.EndsWith("EventIds", StringComparison.Ordinal));
            var listed = table?.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (int)f.GetRawConstantValue()!).ToHashSet();
            foreach (var (method, id) in LoggerMessages(assembly))
            {
                if (seen.TryGetValue(id, out var other))
                {
                    problems.Add($"{method} and {other} both have event id {id}");
                }

                seen[id] = method;
                if (id < from || id > to)
                {
                    problems.Add($"{method} has event id {id}, outside {name}'s range {from}–{to}");
                }

                if (listed is not null && !listed.Contains(id))
                {
                    problems.Add($"{method}'s event id {id} is not in {table!.Name}");
                }
            }
        }

        Assert.NotEmpty(seen);
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    private static IEnumerable<(string Method, int Id)> LoggerMessages(Assembly assembly) =>
        from type in assembly.GetTypes()
        from method in type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly)
        let attribute = method.GetCustomAttribute<LoggerMessageAttribute>()
        where attribute is not null
        select ($"{type.FullName}.{method.Name}", attribute.EventId);
}
