using CsCheck;

namespace Fieldlink.Server.Tests.Fuzz;

/// <summary>
/// Builds bodies from a small model of a resource: each field valid most of the time, otherwise hostile or left out,
/// with now and then an unknown field, a duplicate key or a property name that is not UTF-8.
/// </summary>
public static class JsonShapes
{
    /// <summary>One field of a resource: its name, a valid value and the hostile values that suit its kind.</summary>
    public sealed record Field(string Name, Gen<string> Valid, Gen<string> Hostile);

    public static Field F(string name, Gen<string> valid, Gen<string>? hostileKind = null) =>
        new(name, valid, hostileKind is null ? HostileJson.Any : HostileJson.For(hostileKind));

    /// <summary>An object of these fields; one time in nine a body that is no such object at all.</summary>
    public static Gen<string> Record(params Field[] fields) =>
        Gen.Frequency((8, (IGen<string>)Members(fields)), (1, HostileJson.Bodies));

    /// <summary>A batch: an array of items, a single item, an item beside a null, or no batch at all.</summary>
    public static Gen<string> Batch(Gen<string> item) => Gen.Frequency(
        (6, (IGen<string>)item.Array[1, 3].Select(items => "[" + string.Join(",", items) + "]")),
        (2, item.Select(i => "[" + i + "," + i + "]")),
        (2, item),
        (1, item.Select(i => "[" + i + ",null]")),
        (1, Gen.Const("[" + string.Join(",", Enumerable.Repeat("{}", 1001)) + "]")),
        (1, HostileJson.Bodies));

    /// <summary>A JSON array of 0 to <paramref name="max"/> values.</summary>
    public static Gen<string> Array(Gen<string> item, int max = 3) =>
        item.Array[0, max].Select(items => "[" + string.Join(",", items) + "]");

    /// <summary>The id of a record in a pool (resolved when the request is sent), or an id of nothing.</summary>
    public static Gen<string> Ref(string pool) => Gen.Frequency(
        (8, (IGen<string>)Gen.Int[0, 5].Select(n => HostileJson.Quote(FuzzPools.Token(pool, n)))),
        (1, Gen.Guid.Select(g => HostileJson.Quote(g.ToString()))),
        (1, Gen.OneOf("\"not-a-guid\"", "\"00000000-0000-0000-0000-000000000000\"", "\"{00000000-0000-0000-0000-000000000000}\"")));

    private static Gen<string> Members(Field[] fields)
    {
        Gen<List<string>> members = Gen.Const(0).Select(_ => new List<string>());
        foreach (var field in fields)
        {
            var one = Gen.Frequency(
                (10, (IGen<string?>)field.Valid.Select(v => (string?)Member(field.Name, v))),
                (3, field.Hostile.Select(v => (string?)Member(field.Name, v))),
                (3, Gen.Const((string?)null)));
            members = members.SelectMany(list => one.Select(member =>
            {
                var next = new List<string>(list);
                if (member is not null)
                {
                    next.Add(member);
                }

                return next;
            }));
        }

        var extra = Gen.Frequency(
            (12, (IGen<string?>)Gen.Const((string?)null)),
            (2, Gen.OneOf("colour", "Name", "id", "createdAt", "version", "$type", "__proto__").SelectMany(name => HostileJson.Any.Select(v => (string?)Member(name, v)))),
            (2, Gen.Int[0, Math.Max(0, fields.Length - 1)].SelectMany(i => HostileJson.For(fields.Length == 0 ? HostileJson.Any : fields[i].Valid).Select(v => fields.Length == 0 ? null : (string?)Member(fields[i].Name, v)))),
            (1, HostileJson.Any.Select(v => (string?)$"\"{HostileJson.InvalidUtf8}name\":{v}")));
        return members.SelectMany(list => extra.Select(member => "{" + string.Join(",", member is null ? list : list.Append(member)) + "}"));
    }

    private static string Member(string name, string value) => $"\"{name}\":{value}";
}
