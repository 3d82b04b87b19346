using System.Diagnostics.CodeAnalysis;

namespace Fieldlink.Core.Connectors;

/// <summary>The JSON type a connector setting takes.</summary>
[SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "The members name JSON types, as a settings schema says them.")]
public enum ConnectorSettingType
{
    String,
    Integer,
    Number,
    Boolean,
    Object,
}
