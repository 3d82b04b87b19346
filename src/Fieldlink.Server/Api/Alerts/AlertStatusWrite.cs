using Fieldlink.Core.Alerts;

namespace Fieldlink.Server.Api.Alerts;

/// <summary>
/// The body of <c>PATCH /api/v1/alerts/{id}</c>: the status the alert's group moves to, and optionally a note on why
/// (at most <see cref="Alert.StatusNoteMaxLength"/> characters; the same status with a note only changes the note).
/// </summary>
public sealed record AlertStatusWrite(AlertStatus? Status, string? StatusNote = null);
