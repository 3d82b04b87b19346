namespace Fieldlink.Core.Alerts;

/// <summary>Why an alert has its status, as the reference's "In Progress – Command Sent" and "– Case Created" say.</summary>
public enum AlertStatusReason
{
    /// <summary>As it arrived.</summary>
    New,

    /// <summary>A person changed it.</summary>
    Manual,

    /// <summary>A command answering it was sent.</summary>
    CommandSent,

    /// <summary>A case was created from it.</summary>
    CaseCreated,

    /// <summary>Reopened after it was closed (by a person, or with the case that closed it).</summary>
    Reopened,

    /// <summary>Closed because its case was resolved.</summary>
    CaseResolved,

    /// <summary>Back to Active because its case was canceled: nobody is on it any more.</summary>
    CaseCanceled,
}
