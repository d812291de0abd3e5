namespace DeviceLab.Adb.Shell;

/// <summary>Receives one piece of a command's output as it arrives; the memory is valid only during the call.</summary>
public delegate ValueTask ShellOutputHandler(ReadOnlyMemory<byte> data, CancellationToken cancellationToken);
