namespace Fieldlink.Server.Model;

/// <summary>
/// What a register or pull on one device or a selection did: a line per device, or the refusal of the whole action
/// (a person who may not act, too many devices). <see cref="Summary"/> is the sentence the page shows.
/// </summary>
public sealed record DeviceActionReport(DeviceAction Action, IReadOnlyList<DeviceActionLine> Lines, string? Refusal = null)
{
    public int SucceededCount => Lines.Count(l => l.Succeeded);

    public IReadOnlyList<DeviceActionLine> Failures => [.. Lines.Where(l => !l.Succeeded)];

    /// <summary>Whether anything failed or was refused.</summary>
    public bool HasFailures => Refusal is not null || Lines.Any(l => !l.Succeeded);

    /// <summary>One sentence: "Registered 3 devices.", "Pulled data of 2 of 3 devices; 1 failed.", or the refusal.</summary>
    public string Summary
    {
        get
        {
            if (Refusal is not null)
            {
                return Refusal;
            }

            var done = Action == DeviceAction.Register ? "Registered" : "Pulled data of";
            var failed = Lines.Count - SucceededCount;
            return failed == 0
                ? $"{done} {Devices(Lines.Count)}."
                : SucceededCount == 0
                    ? $"{(Action == DeviceAction.Register ? "Registering" : "Pulling data of")} {Devices(Lines.Count)} failed."
                    : $"{done} {SucceededCount} of {Devices(Lines.Count)}; {failed} failed.";
        }
    }

    private static string Devices(int count) => count == 1 ? "1 device" : $"{count} devices";
}
