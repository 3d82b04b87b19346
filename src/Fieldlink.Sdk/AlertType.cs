namespace Fieldlink.Sdk;

/// <summary>What kind of alert a system raised, as in the reference.</summary>
public enum AlertType
{
    /// <summary>Something is wrong or unusual (the default).</summary>
    Anomaly,

    /// <summary>For information.</summary>
    Info,

    /// <summary>Maintenance is due.</summary>
    PreventiveMaintenance,

    /// <summary>A test alert.</summary>
    Test,
}
