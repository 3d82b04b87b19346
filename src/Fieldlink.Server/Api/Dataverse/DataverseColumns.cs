using Microsoft.OData.Edm;

namespace Fieldlink.Server.Api.Dataverse;

/// <summary>Short ways to declare the columns of <see cref="DataverseTables"/>.</summary>
public static class DataverseColumns
{
    public static DataverseColumn Text(string name, string field, bool writable = true) =>
        new(name, EdmPrimitiveTypeKind.String, field) { Writable = writable };

    public static DataverseColumn Time(string name, string field, bool writable = false, string? property = null) =>
        new(name, EdmPrimitiveTypeKind.DateTimeOffset, field) { Writable = writable, Property = property };

    public static DataverseColumn Whole(string name, string field) =>
        new(name, EdmPrimitiveTypeKind.Int32, field);

    public static DataverseColumn Flag(string name, string field, bool writable = true) =>
        new(name, EdmPrimitiveTypeKind.Boolean, field) { Writable = writable };

    /// <summary>A JSON document the reference keeps as text; it cannot be filtered on.</summary>
    public static DataverseColumn JsonText(string name, string field, bool writable = false) =>
        new(name, EdmPrimitiveTypeKind.String, field) { Writable = writable, JsonText = true, Property = string.Empty };

    /// <summary>An option set: the reference's integers for the Fieldlink field's values.</summary>
    public static DataverseColumn Choice(string name, string field, bool writable, params DataverseOption[] options) =>
        new(name, EdmPrimitiveTypeKind.Int32, field) { Writable = writable, Options = options };

    /// <summary>A two-option column the reference types as a boolean.</summary>
    public static DataverseColumn TwoOptions(string name, string field, bool writable, params DataverseOption[] options) =>
        new(name, EdmPrimitiveTypeKind.Boolean, field) { Writable = writable, Options = options };

    public static DataverseOption Option(int value, string label, string member, bool writes = true) => new(value, label, member, writes);

    /// <summary>The reference's AlertType option set (msdyn_alerttype), shared by alerts and work orders.</summary>
    public static DataverseOption[] AlertTypes { get; } =
    [
        Option(192350000, "Anomaly", "Anomaly"),
        Option(192350001, "Info", "Info"),
        Option(192350002, "Preventive Maintenance", "PreventiveMaintenance"),
        Option(192350003, "Test", "Test"),
    ];
}
