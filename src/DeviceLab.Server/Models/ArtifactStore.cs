using System.Buffers;
using System.Security.Cryptography;
using DeviceLab.Core.Models;
using DeviceLab.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DeviceLab.Server.Models;

/// <summary>
/// The content-addressed store for GGUF files and agent builds: a file lives at <c>sha256/ab/abcdef…</c> under
/// <see cref="RootPath"/>, a path computed from its hash only, so no name from a user ever becomes a path. The same
/// bytes are stored once. Content arrives into <c>tmp/</c> on the same file system while being hashed (never whole in
/// memory), is checked by the caller, then renamed into place (docs/decisions/0093).
/// </summary>
public sealed class ArtifactStore
{
    private const int ChunkBytes = 1 << 20;
    private readonly TimeProvider _time;

    public ArtifactStore(IOptions<ArtifactOptions> options, IOptions<DeviceLabOptions> server, TimeProvider time)
    {
        _time = time;
        RootPath = Path.GetFullPath(string.IsNullOrWhiteSpace(options.Value.Directory)
            ? Path.Combine(server.Value.DataDirectoryPath, "artifacts")
            : options.Value.Directory);
        MaxUploadBytes = options.Value.MaxUploadBytes;
    }

    /// <summary>Absolute root folder of the store.</summary>
    public string RootPath { get; }

    /// <summary>Largest upload accepted (<see cref="ArtifactOptions.MaxUploadBytes"/>).</summary>
    public long MaxUploadBytes { get; }

    private string TemporaryFolder => Path.Combine(RootPath, "tmp");

    /// <summary>True for 64 lower-case hex characters — the only strings the store turns into paths.</summary>
    public static bool IsSha256(string? value) =>
        value is { Length: 64 } && value.AsSpan().IndexOfAnyExcept("0123456789abcdef") < 0;

    /// <summary>Path of the store, relative to its root, for the content with this hash.</summary>
    /// <exception cref="ArgumentException">Not a lower-case hex sha256.</exception>
    public static string RelativePathOf(string sha256) => IsSha256(sha256)
        ? Path.Combine("sha256", sha256[..2], sha256)
        : throw new ArgumentException($"'{Shorten(sha256)}' is not a sha256 (64 lower-case hex characters).", nameof(sha256));

    /// <summary>Absolute path for the content with this hash (whether or not it is stored).</summary>
    /// <exception cref="ArgumentException">Not a lower-case hex sha256.</exception>
    public string PathOf(string sha256) => Path.Combine(RootPath, RelativePathOf(sha256));

    /// <summary>The stored file with this hash, or null when the store does not have it (or the hash is malformed).</summary>
    public string? Find(string? sha256) => IsSha256(sha256) && File.Exists(PathOf(sha256!)) ? PathOf(sha256!) : null;

    /// <summary>A fresh path in the store's temporary folder, for a tool that writes a file to be committed
    /// (e.g. a variant build); pass it to <see cref="StageFileAsync"/>.</summary>
    public string NewTemporaryPath(string purpose, string extension = ".partial")
    {
        Directory.CreateDirectory(TemporaryFolder);
        return Path.Combine(TemporaryFolder, $"{purpose}-{Guid.NewGuid():N}{extension}");
    }

    /// <summary>Streams <paramref name="content"/> into a temporary file while hashing it.</summary>
    /// <param name="maxBytes">Limit; past it the partial file is deleted and <see cref="ArtifactTooLargeException"/> thrown.</param>
    public async Task<StagedArtifact> StageAsync(Stream content, long maxBytes, CancellationToken cancellationToken = default)
    {
        var path = NewTemporaryPath("upload");
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long size = 0;
            await using (var file = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, BufferSize = 0,
                Options = FileOptions.Asynchronous,
            }))
            {
                int read;
                while ((read = await content.ReadAsync(buffer.AsMemory(0, ChunkBytes), cancellationToken)) > 0)
                {
                    size += read;
                    if (size > maxBytes) throw new ArtifactTooLargeException(maxBytes);
                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
            }
            return new StagedArtifact(path, Convert.ToHexStringLower(hash.GetHashAndReset()), size);
        }
        catch
        {
            File.Delete(path);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Hashes a file a tool wrote into <see cref="NewTemporaryPath"/>, making it a staged artifact.</summary>
    public async Task<StagedArtifact> StageFileAsync(string temporaryPath, CancellationToken cancellationToken = default)
    {
        var full = Path.GetFullPath(temporaryPath);
        if (!full.StartsWith(TemporaryFolder + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new ArgumentException($"{temporaryPath} is not in the store's temporary folder; use NewTemporaryPath.", nameof(temporaryPath));
        await using var file = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read, ChunkBytes, FileOptions.SequentialScan);
        var sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken));
        return new StagedArtifact(full, sha256, file.Length);
    }

    /// <summary>
    /// Puts the staged file at its content address — or drops it when those bytes are stored already — and returns the
    /// artifact row: the existing one, or a new one added to <paramref name="db"/> (saved by the caller, with its own rows,
    /// in one transaction). On a failed save call <see cref="DiscardAsync"/>.
    /// </summary>
    public async Task<StoredArtifact> CommitAsync(StagedArtifact staged, ArtifactKind kind, DeviceLabDbContext db,
        CancellationToken cancellationToken = default)
    {
        var target = PathOf(staged.Sha256);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var created = false;
        if (File.Exists(target)) File.Delete(staged.TemporaryPath);
        else
        {
            try
            {
                File.Move(staged.TemporaryPath, target, overwrite: false);
                created = true;
            }
            catch (IOException) when (File.Exists(target))
            {
                File.Delete(staged.TemporaryPath); // the same content arrived concurrently
            }
        }
        staged.Committed = true;

        var row = await db.Artifacts.FindAsync([staged.Sha256], cancellationToken);
        if (row is null)
        {
            row = new Artifact
            {
                Sha256 = staged.Sha256, SizeBytes = staged.SizeBytes, Kind = kind,
                StoredPath = RelativePathOf(staged.Sha256), CreatedAt = _time.GetUtcNow(),
            };
            db.Artifacts.Add(row);
        }
        return new StoredArtifact(row, created);
    }

    /// <summary>After a failed save: removes the file a commit created, unless a saved row refers to it by now.</summary>
    public async Task DiscardAsync(StoredArtifact stored, IDbContextFactory<DeviceLabDbContext> contexts)
    {
        if (!stored.FileCreated) return;
        await using var db = await contexts.CreateDbContextAsync();
        if (!await db.Artifacts.AnyAsync(a => a.Sha256 == stored.Artifact.Sha256)) File.Delete(PathOf(stored.Artifact.Sha256));
    }

    /// <summary>Stage, commit and save in one go, for content that needs no checking by the caller.</summary>
    public async Task<Artifact> ImportAsync(Stream content, ArtifactKind kind, DeviceLabDbContext db, CancellationToken cancellationToken = default)
    {
        using var staged = await StageAsync(content, MaxUploadBytes, cancellationToken);
        var stored = await CommitAsync(staged, kind, db, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return stored.Artifact;
    }

    /// <summary>Deletes temporary files older than <paramref name="age"/>: left-overs of uploads and builds cut short by a crash.</summary>
    public int SweepTemporaryFiles(TimeSpan age)
    {
        if (!Directory.Exists(TemporaryFolder)) return 0;
        var cutoff = _time.GetUtcNow().UtcDateTime - age;
        var swept = 0;
        foreach (var file in new DirectoryInfo(TemporaryFolder).EnumerateFiles())
        {
            if (file.LastWriteTimeUtc >= cutoff) continue;
            file.Delete();
            swept++;
        }
        return swept;
    }

    private static string Shorten(string? value) => value is null ? "null" : value.Length > 80 ? value[..80] + "…" : value;
}
