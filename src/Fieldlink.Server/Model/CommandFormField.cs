using Fieldlink.Core.Devices;

namespace Fieldlink.Server.Model;

/// <summary>One input of the send-command form: a parameter of the chosen command, its path, and what the person typed.</summary>
public sealed class CommandFormField
{
    public required CommandParameter Parameter { get; init; }

    /// <summary>The parameter's path, as errors name it: <c>parameters.Reading.Temperature</c>.</summary>
    public required string Path { get; init; }

    /// <summary>The text typed for a String, DateTime, WholeNumber or DecimalNumber parameter; empty for none.</summary>
    public string Text { get; set; } = string.Empty;

    /// <summary>The choice for a Boolean parameter; null for none.</summary>
    public bool? Flag { get; set; }

    /// <summary>The child inputs of an Object parameter.</summary>
    public IReadOnlyList<CommandFormField> Children { get; init; } = [];

    /// <summary>The input's label: the parameter's name and, when it has one, its unit.</summary>
    public string Label => Parameter.Unit is { } unit ? $"{Parameter.Name} ({unit})" : Parameter.Name;
}
