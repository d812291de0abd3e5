using System.Text.RegularExpressions;
using DeviceLab.Core;
using DeviceLab.Core.Models;
using DeviceLab.Server.Data;
using DeviceLab.Server.Fleet;
using DeviceLab.Server.Models;
using Microsoft.EntityFrameworkCore;

namespace DeviceLab.Server.AgentBuilds;

/// <summary>The agent build an import recorded — or found, when that version and ABI exist with the same file.</summary>
public sealed record AgentBuildImportResult(AgentBuild Build, bool Created);

/// <summary>
/// Imports an agent executable for one ABI into the artifact store: it must be an ELF executable for that ABI's CPU
/// (a phone cannot run the wrong one, and the failure on the device would be obscure). Version defaults to
/// <c>&lt;DeviceLab version&gt;+&lt;sha256 prefix&gt;</c>, so each distinct build is its own row.
/// </summary>
public sealed partial class AgentBuildImport(ArtifactStore store, IDbContextFactory<DeviceLabDbContext> contexts, TimeProvider time)
{
    /// <exception cref="AgentBuildException">Unknown ABI, bad version, not an ELF for that ABI, or the version taken by another file.</exception>
    /// <exception cref="ArtifactTooLargeException">Over DeviceLab:Artifacts:MaxUploadBytes.</exception>
    public async Task<AgentBuildImportResult> ImportAsync(Stream content, string? abiName, string? version, CancellationToken cancellationToken = default)
    {
        var abi = AgentAbi.Normalize(abiName) ?? throw new AgentBuildException(
            $"'{abiName}' is not an ABI DeviceLab knows; use one of {string.Join(", ", AgentAbi.Known)} (or a runtime identifier such as linux-x64).");
        if (version is not null && !ValidVersion().IsMatch(version))
            throw new AgentBuildException($"'{version}' is not a usable version: 1–100 letters, digits, '.', '-', '+' or '_'.");

        using var staged = await store.StageAsync(content, store.MaxUploadBytes, cancellationToken);
        CheckExecutable(staged.TemporaryPath, abi);
        version ??= $"{DeviceLabVersion.Product}+{staged.Sha256[..12]}";

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var existing = await db.AgentBuilds.Include(b => b.Artifact).SingleOrDefaultAsync(b => b.Version == version && b.Abi == abi, cancellationToken);
        if (existing is not null)
        {
            return existing.ArtifactSha256 == staged.Sha256
                ? new AgentBuildImportResult(existing, Created: false)
                : throw new AgentBuildException($"Agent version {version} for {abi} exists already with another file; give this build another version.");
        }
        var stored = await store.CommitAsync(staged, ArtifactKind.Agent, db, cancellationToken);
        var build = new AgentBuild { Version = version, Abi = abi, ArtifactSha256 = staged.Sha256, Artifact = stored.Artifact, CreatedAt = time.GetUtcNow() };
        db.AgentBuilds.Add(build);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            await store.DiscardAsync(stored, contexts);
            throw;
        }
        return new AgentBuildImportResult(build, Created: true);
    }

    /// <summary>ELF magic, little-endian, and an e_machine that matches the ABI.</summary>
    private static void CheckExecutable(string path, string abi)
    {
        Span<byte> header = stackalloc byte[20];
        using (var file = File.OpenRead(path))
        {
            if (file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length || !header[..4].SequenceEqual("\u007fELF"u8))
                throw new AgentBuildException("The file is not an ELF executable (it should be the NativeAOT-published devicelab-agent).");
        }
        if (header[5] != 1) throw new AgentBuildException("The ELF file is big-endian; Android devices are little-endian.");
        var machine = (ushort)(header[18] | header[19] << 8);
        if (machine != AgentAbi.MachineOf(abi))
            throw new AgentBuildException($"The executable is built for {AgentAbi.OfMachine(machine) ?? $"ELF machine {machine}"}, not {abi}.");
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9.+_-]{0,99}$")]
    private static partial Regex ValidVersion();
}
