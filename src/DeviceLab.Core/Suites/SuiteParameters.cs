namespace DeviceLab.Core.Suites;

/// <summary>
/// How each variant is benchmarked on each device. A run keeps a copy of the parameters it ran with,
/// so editing a suite later never changes what an old result means.
/// </summary>
/// <param name="PromptTokens">Tokens in the prompt (prefill), per repetition.</param>
/// <param name="GeneratedTokens">Tokens decoded after the prompt, per repetition.</param>
/// <param name="Threads">Engine threads on the device; 0 lets the agent choose (big cores).</param>
/// <param name="Warmups">Unmeasured repetitions before the measured ones.</param>
/// <param name="Repetitions">Measured repetitions per variant (variants interleaved A B A B …).</param>
/// <param name="Admission">Conditions before each measured repetition.</param>
/// <param name="EvaluationText">Text for perplexity / KL divergence against the reference variant; null skips quality.</param>
/// <param name="Timeouts">Per-phase time limits; null fields use the server's defaults.</param>
public sealed record SuiteParameters(
    int PromptTokens = 128,
    int GeneratedTokens = 64,
    int Threads = 0,
    int Warmups = 1,
    int Repetitions = 5,
    AdmissionPolicy? Admission = null,
    string? EvaluationText = null,
    PhaseTimeouts? Timeouts = null)
{
    public static SuiteParameters Default { get; } = new(Admission: new AdmissionPolicy());
}
