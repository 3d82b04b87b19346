namespace Fieldlink.Server.Api.Dataverse;

/// <summary>
/// A lookup column: its value shows as <c>_&lt;attribute&gt;_value</c>, it is set with
/// <c>"&lt;Navigation&gt;@odata.bind": "/&lt;set&gt;(&lt;id&gt;)"</c>, and <c>$expand=&lt;Navigation&gt;</c> brings the record.
/// </summary>
/// <param name="Navigation">The single-valued navigation property, e.g. <c>msdyn_Device</c>.</param>
/// <param name="Attribute">The lookup's logical name, e.g. <c>msdyn_device</c>.</param>
/// <param name="Target">The entity set it points into, e.g. <c>msdyn_iotdevices</c>.</param>
/// <param name="Field">The Fieldlink field holding the id, e.g. <c>deviceRecordId</c>.</param>
/// <param name="Writable">Whether a create or an update may bind it.</param>
public sealed record DataverseLookup(string Navigation, string Attribute, string Target, string Field, bool Writable = true)
{
    /// <summary>The column that carries the id, e.g. <c>_msdyn_device_value</c>.</summary>
    public string ValueColumn => $"_{Attribute}_value";

    /// <summary>The stored property $filter uses.</summary>
    public string StoredProperty => char.ToUpperInvariant(Field[0]) + Field[1..];
}
