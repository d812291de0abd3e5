namespace DeviceLab.Adb;

/// <summary>One entry of a remote directory listing; <see cref="Info"/>'s path is the entry's full path.</summary>
public sealed record RemoteDirectoryEntry(string Name, RemoteFileInfo Info);
