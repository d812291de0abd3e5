using DeviceLab.Agent.Admission;
using DeviceLab.Agent.Device;
using DeviceLab.Agent.Energy;
using DeviceLab.Agent.Output;
using DeviceLab.Agent.Telemetry;
using DeviceLab.Core.AgentProtocol;
using DeviceLab.Core.Statistics;
using DeviceLab.Engine.Bench;

namespace DeviceLab.Agent.Benchmark;

/// <summary>
/// One benchmark run, the same in ADB and network mode: verify and describe every variant, say hello, sample telemetry
/// in the background, run warm-ups and then measured repetitions interleaved across variants (A B A B …), each
/// admitted by the cool-down policy first and run with only its own variant open (so its peak memory is its own,
/// ADR 0068), and finish with one result per variant. Every way it can end maps to an
/// exit code (<see cref="AgentExitCodes"/>) with an error event saying why.
/// </summary>
public static class BenchmarkRunner
{
    public static async Task<int> RunAsync(BenchRequest request, AgentEventStream events, TextWriter log, CancellationToken cancellationToken)
    {
        try
        {
            return await RunCoreAsync(request, events, log, cancellationToken).ConfigureAwait(false);
        }
        catch (AgentOutputLostException e)
        {
            // stdout is gone (the reader went away): nothing more can be reported, so stop.
            log.WriteLine($"devicelab-agent: stopping: {e.Message}");
            return AgentExitCodes.InternalError;
        }
    }

    private static async Task<int> RunCoreAsync(BenchRequest request, AgentEventStream events, TextWriter log, CancellationToken cancellationToken)
    {
        var device = DeviceFingerprintReader.Read(request.DeclaredVirtual, request.Telemetry.ProcfsRoot);
        var problems = BenchLimits.Check(request);
        if (problems.Count > 0) return Refuse(events, device, request, new AgentInputException(AgentErrorCodes.BadArguments, string.Join("; ", problems)));

        try
        {
            var variants = new List<VerifiedVariant>();
            foreach (var file in request.Variants)
            {
                var (sha, bytes) = await VariantVerifier.VerifyAsync(file, cancellationToken).ConfigureAwait(false);
                var lastWriteUtc = File.GetLastWriteTimeUtc(file.Path);
                // Opened once to check and describe it, then closed: a repetition opens it again (ADR 0068).
                using (var probe = LoadedVariant.Load(file, sha, bytes, request.Parameters)) variants.Add(new VerifiedVariant(file, probe.Descriptor, lastWriteUtc));
                var context = variants[^1].Descriptor.ContextLength;
                if (request.Parameters.PromptTokens + request.Parameters.GeneratedTokens > context)
                {
                    throw new AgentInputException(AgentErrorCodes.BadArguments,
                        $"--prompt {request.Parameters.PromptTokens} + --gen {request.Parameters.GeneratedTokens} tokens do not fit the {context}-token context of {file.Label}",
                        file.Label);
                }
            }
            var evaluation = await QualityEvaluation.PrepareAsync(request, variants, cancellationToken).ConfigureAwait(false);
            using var rig = TelemetryRig.Create(request.Telemetry, events);
            events.EmitNow(new HelloEvent
            {
                Device = device, AgentVersion = AgentIdentity.AgentVersion, EngineVersion = AgentIdentity.EngineVersionText, Mode = request.Mode,
                KernelPath = variants[0].Descriptor.KernelPath, Parameters = request.Parameters,
                Variants = variants.Select(v => v.Descriptor).ToList(), TelemetrySources = rig.Sources,
            });
            return await MeasureAsync(request, variants, evaluation, rig, events, device, cancellationToken).ConfigureAwait(false);
        }
        catch (AgentInputException e)
        {
            return Refuse(events, device, request, e);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            if (events.LastSeq == 0) events.EmitNow(AgentIdentity.EarlyHello(device, request.Mode, request.Parameters));
            events.Error(AgentErrorCodes.Cancelled, "the run was cancelled; events written so far stand", fatal: true);
            return AgentExitCodes.Cancelled;
        }
        catch (Exception e) when (e is not (OperationCanceledException or AgentOutputLostException))
        {
            // A bug or an environment failure: say so on the stream, keep the details on stderr.
            log.WriteLine($"devicelab-agent: internal error: {e}");
            if (events.LastSeq == 0) events.EmitNow(AgentIdentity.EarlyHello(device, request.Mode, request.Parameters));
            events.Error(AgentErrorCodes.Internal, $"{e.GetType().Name}: {e.Message}", fatal: true);
            return AgentExitCodes.InternalError;
        }
    }

    private static async Task<int> MeasureAsync(BenchRequest request, IReadOnlyList<VerifiedVariant> variants, QualityEvaluation? evaluation,
        TelemetryRig rig, AgentEventStream events, Core.AgentProtocol.DeviceFingerprint device, CancellationToken cancellationToken)
    {
        var p = request.Parameters;
        var load = Math.Min(1.0, (double)p.Threads / Math.Max(1, device.Cores));
        var gate = new AdmissionGate(p.Admission, rig.Sampler.SampleNow, events.Clock.Time);
        var tallies = variants.Select(v => new VariantTally(v.Descriptor)).ToList();
        using var peakMemory = new RepetitionPeakMemory(request.Telemetry.ProcfsRoot, rig.Sampler);
        var peakMemoryNoted = false;
        rig.Sampler.Start();
        try
        {
            for (var w = 0; w < p.Warmups; w++)
            {
                foreach (var variant in variants) RunOnce(variant, w, warmup: true, p, rig, peakMemory, events, load, cancellationToken);
            }
            for (var r = 0; r < p.Repetitions; r++)
            {
                for (var i = 0; i < variants.Count; i++)
                {
                    var admission = events.EmitNow(await gate.WaitAsync(variants[i].Label, r, cancellationToken).ConfigureAwait(false));
                    if (!admission.Admitted)
                    {
                        events.Error(AgentErrorCodes.NotAdmitted,
                            $"repetition {r} of {variants[i].Label} not admitted after {admission.WaitedMs / 1000:0.#} s: {string.Join("; ", admission.Unmet)}",
                            fatal: true, variants[i].Label);
                        return AgentExitCodes.NotAdmitted;
                    }
                    var (result, tokenMs, peak) = RunOnce(variants[i], r, warmup: false, p, rig, peakMemory, events, load, cancellationToken)!.Value;
                    tallies[i].Add(result, tokenMs);
                    if (peak.Note is { } why && !peakMemoryNoted)
                    {
                        // Said once per run, like an unavailable telemetry file: the method on every result carries the rest.
                        peakMemoryNoted = true;
                        events.Error(AgentErrorCodes.TelemetryUnavailable, $"peak memory per repetition is {peak.Method}: {why}", fatal: false);
                    }
                }
            }
        }
        finally
        {
            rig.Sampler.Stop();
        }

        var quality = evaluation?.Evaluate(variants, cancellationToken);
        for (var i = 0; i < variants.Count; i++)
        {
            events.EmitNow(tallies[i].Result(quality?[i]));
        }
        return AgentExitCodes.Success;
    }

    /// <summary>
    /// Runs one repetition with only this variant open: open it (untimed), reset the peak, run, read the peak, close it.
    /// For a measured one, emits its phase marks, tokens and result and returns them.
    /// </summary>
    private static (RepetitionResultEvent Result, double[] TokenMs, PeakMemoryReading Peak)? RunOnce(VerifiedVariant verified, int repetition, bool warmup,
        BenchParameters p, TelemetryRig rig, RepetitionPeakMemory peakMemory, AgentEventStream events, double load, CancellationToken cancellationToken)
    {
        BenchRepetition measured;
        RepetitionRecorder recorder;
        PeakMemoryReading peak;
        double loadMs;
        using (var variant = LoadedVariant.Open(verified, p, cancellationToken))
        {
            loadMs = variant.LoadMs;
            recorder = new RepetitionRecorder(events.Clock, rig.Sampler, rig.Simulated, load, p.GeneratedTokens);
            peakMemory.Begin();
            rig.Sampler.SampleNow(); // a reading right before the prompt, so the prefill's energy is bracketed
            measured = variant.Session.Run(p.PromptTokens, p.GeneratedTokens, recorder, cancellationToken);
            rig.Sampler.SampleNow(); // and right after the last token
            peak = peakMemory.End();
        }
        EmitPhases(events, verified.Label, repetition, warmup, recorder);
        if (warmup) return null;

        var tokenMs = measured.DecodeTokenMs;
        var tokenEndMs = recorder.DecodeStartMs ?? 0;
        for (var k = 0; k < tokenMs.Length; k++)
        {
            tokenEndMs += tokenMs[k]; // when the token was sampled, to the precision of the observer's overhead
            events.Emit(new TokenEvent
            {
                TMs = tokenEndMs, Variant = verified.Label, Repetition = repetition, Index = k,
                TokenId = k < recorder.TokensSeen ? recorder.TokenIds[k] : null, Ms = tokenMs[k],
            });
        }
        var trace = rig.Trace.ToArray();
        var prefill = EnergyEstimator.Estimate(trace, recorder.PrefillStartMs ?? 0, recorder.PrefillEndMs ?? 0, p.PromptTokens);
        var decode = EnergyEstimator.Estimate(trace, recorder.DecodeStartMs ?? 0, recorder.DecodeEndMs ?? 0, tokenMs.Length);
        rig.Trace.DropBefore(recorder.PrefillStartMs ?? 0);
        var result = events.EmitNow(new RepetitionResultEvent
        {
            Variant = verified.Label, Repetition = repetition, PromptTokens = p.PromptTokens, GeneratedTokens = tokenMs.Length,
            TimeToFirstTokenMs = measured.TimeToFirstTokenMs, PrefillMs = measured.PrefillMs,
            PrefillTokensPerSecond = measured.PrefillTokensPerSecond, DecodeTokensPerSecond = measured.DecodeTokensPerSecond,
            DecodeMsPerToken = SampleSummary.Of(tokenMs), PeakRssBytes = peak.Bytes, PeakRssMethod = peak.Method, LoadMs = loadMs,
            Energy = new PhaseEnergy<EnergyEstimate>(prefill, decode),
        });
        return (result, tokenMs, peak);
    }

    private static void EmitPhases(AgentEventStream events, string label, int repetition, bool warmup, RepetitionRecorder recorder)
    {
        void Mark(double? tMs, BenchPhaseName phase, PhaseEdge edge)
        {
            if (tMs is { } t) events.Emit(new PhaseEvent { TMs = t, Variant = label, Repetition = repetition, Warmup = warmup, Phase = phase, Edge = edge });
        }
        Mark(recorder.PrefillStartMs, BenchPhaseName.Prefill, PhaseEdge.Start);
        Mark(recorder.PrefillEndMs, BenchPhaseName.Prefill, PhaseEdge.End);
        Mark(recorder.DecodeStartMs, BenchPhaseName.Decode, PhaseEdge.Start);
        Mark(recorder.DecodeEndMs, BenchPhaseName.Decode, PhaseEdge.End);
    }

    private static int Refuse(AgentEventStream events, Core.AgentProtocol.DeviceFingerprint device, BenchRequest request, AgentInputException e)
    {
        if (events.LastSeq == 0) events.EmitNow(AgentIdentity.EarlyHello(device, request.Mode, request.Parameters));
        events.Error(e.Code, e.Message, fatal: true, e.Variant);
        return AgentExitCodes.BadInput;
    }
}
