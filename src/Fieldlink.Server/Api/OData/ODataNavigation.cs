namespace Fieldlink.Server.Api.OData;

/// <summary>
/// A reference between two collections that <c>$expand</c> follows: a single record by the id a field holds
/// (<c>devices</c>' <c>providerInstanceId</c> → <c>providerInstance</c>), or, when <see cref="Many"/>, the records whose
/// <see cref="ForeignKey"/> holds this record's id (an alert's <c>children</c> by their <c>parentAlertId</c>).
/// </summary>
/// <param name="Collection">The collection the reference starts from.</param>
/// <param name="Name">The navigation property's name.</param>
/// <param name="Target">The collection it leads to.</param>
/// <param name="ForeignKey">The id field: on <paramref name="Collection"/>'s records, or on the target's when <paramref name="Many"/>.</param>
/// <param name="Many">A collection of records rather than one.</param>
public sealed record ODataNavigation(string Collection, string Name, string Target, string ForeignKey, bool Many = false);
