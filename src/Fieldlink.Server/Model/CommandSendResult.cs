namespace Fieldlink.Server.Model;

/// <summary>What came of sending a command from a page: how many were queued, or why none was (a sentence for a snackbar, and the fields at fault).</summary>
public sealed record CommandSendResult(int Queued, string? Refusal, IReadOnlyDictionary<string, string[]> Errors)
{
    public bool Succeeded => Refusal is null;

    public static CommandSendResult Refused(string message, IReadOnlyDictionary<string, string[]>? errors = null) =>
        new(0, message, errors ?? new Dictionary<string, string[]>());
}
