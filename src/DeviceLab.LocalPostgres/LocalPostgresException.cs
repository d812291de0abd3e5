namespace DeviceLab.LocalPostgres;

/// <summary>
/// The private PostgreSQL cluster could not be used. The message is meant for the person starting DeviceLab:
/// it names the problem and what to change, in one paragraph, without a stack trace.
/// </summary>
public sealed class LocalPostgresException(string message, Exception? innerException = null)
    : Exception(message, innerException);
