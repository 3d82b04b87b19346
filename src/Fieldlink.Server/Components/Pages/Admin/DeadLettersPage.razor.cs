using Fieldlink.Server.Components.Controls;
using Fieldlink.Server.Components.Dialogs;
using Fieldlink.Server.Model;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Fieldlink.Server.Components.Pages.Admin;

/// <summary>
/// The dead letters — what connectors received and could not use — newest first, filtered by provider instance, source
/// and time received, paged in the database; each one's reason and payload in a dialog.
/// </summary>
public sealed partial class DeadLettersPage
{
    private RecordList<DeadLetterRow, DeadLetterListQuery>? _list;
    private NamedRecord? _instance;
    private string? _source;
    private DateTime? _from;
    private DateTime? _to;

    [Inject]
    private DeadLetterList DeadLetters { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    private DeadLetterListQuery Query() => new()
    {
        ProviderInstanceId = _instance?.Id,
        Source = _source,
        From = _from is { } from ? TimeZone.ToInstant(from) : null,
        To = _to is { } to ? TimeZone.ToInstant(to) : null,
    };

    private Task InstanceChanged(NamedRecord? instance)
    {
        _instance = instance;
        return ReloadAsync();
    }

    private Task SourceChanged(string? source)
    {
        _source = source;
        return ReloadAsync();
    }

    private Task FromChanged(DateTime? from)
    {
        _from = from;
        return ReloadAsync();
    }

    private Task ToChanged(DateTime? to)
    {
        _to = to;
        return ReloadAsync();
    }

    private Task ReloadAsync() => _list?.ReloadAsync() ?? Task.CompletedTask;

    private Task ViewAsync(DeadLetterRow letter) => DeadLetterDialog.ShowAsync(Dialogs, letter, Time(letter.ReceivedAt));
}
