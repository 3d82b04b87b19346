using System.Diagnostics.CodeAnalysis;

namespace Fieldlink.Core.Devices;

/// <summary>The type of a command parameter's value, as the reference's property definitions have them.</summary>
[SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "The API's words for the types, as the reference names them.")]
public enum ParameterType
{
    /// <summary>Text: a JSON string.</summary>
    String,

    /// <summary>A group of child parameters: a JSON object.</summary>
    Object,

    /// <summary>A date, or a date and time: an ISO 8601 string (e.g. <c>2026-11-30</c>, <c>2026-11-30T09:00:00Z</c>).</summary>
    DateTime,

    /// <summary><c>true</c> or <c>false</c> (the strings "true" and "false" too).</summary>
    Boolean,

    /// <summary>An integer: a JSON number without a fraction, or a string holding one (the reference sends "30").</summary>
    WholeNumber,

    /// <summary>A number: a JSON number, or a string holding one.</summary>
    DecimalNumber,
}
