namespace DeviceLab.Server.Tests.Auth;

/// <summary>Who calls an endpoint in the security matrix.</summary>
public enum Caller
{
    Anonymous,
    Viewer,
    Operator,
    Admin,

    /// <summary>A well-formed API key the server never issued.</summary>
    WrongKey,

    /// <summary>An admin key that was revoked.</summary>
    RevokedKey,

    /// <summary>The device token of the device the route names (or of some device, when the route names none).</summary>
    OwnDevice,

    /// <summary>The device token of another device than the one the route names.</summary>
    OtherDevice,

    /// <summary>A device token that was revoked.</summary>
    RevokedDevice,
}

/// <summary>What a caller may expect: signed in or not, and whether the policy admits it.</summary>
public enum Outcome
{
    Unauthenticated,
    Forbidden,
    Allowed,
}
