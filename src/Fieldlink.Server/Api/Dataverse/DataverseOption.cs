namespace Fieldlink.Server.Api.Dataverse;

/// <summary>One value of an option set: the platform's integer, its label, and the Fieldlink value it stands for.</summary>
/// <param name="Value">What the Web API carries (an option set's integer, or a two-option column's boolean).</param>
/// <param name="Label">The formatted value, e.g. <c>Preventive Maintenance</c>.</param>
/// <param name="Member">The Fieldlink field's value as its JSON spells it: an enum's name, <c>true</c> or <c>false</c>.</param>
/// <param name="Writes">Whether a write of <paramref name="Value"/> means <paramref name="Member"/> (false where several Fieldlink values share one).</param>
public sealed record DataverseOption(object Value, string Label, string Member, bool Writes = true);
