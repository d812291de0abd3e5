namespace DeviceLab.Server.Auth;

/// <summary>What a user or API key may do; each role includes the ones before it.</summary>
public enum DeviceLabRole
{
    /// <summary>Read dashboards, results and exports.</summary>
    Viewer,

    /// <summary>Also create runs, upload models, manage suites and devices.</summary>
    Operator,

    /// <summary>Also manage users, API keys and the Hangfire dashboard.</summary>
    Admin,
}
