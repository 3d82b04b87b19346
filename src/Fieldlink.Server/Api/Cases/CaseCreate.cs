using Fieldlink.Core.Cases;

namespace Fieldlink.Server.Api.Cases;

/// <summary>The optional body of <c>POST /api/v1/alerts/{id}/case</c>: the rest comes from the alert.</summary>
/// <param name="Title">Default: the alert's description.</param>
/// <param name="Priority">Default: Normal.</param>
public sealed record CaseCreate(string? Title, CasePriority? Priority);
