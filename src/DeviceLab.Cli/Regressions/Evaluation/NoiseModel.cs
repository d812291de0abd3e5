namespace DeviceLab.Cli.Regressions.Evaluation;

/// <summary>The kinds of night-to-night noise the harness puts under its injected steps.</summary>
public enum NoiseModel
{
    /// <summary>Independent Gaussian noise with the scenario's coefficient of variation.</summary>
    Gaussian,

    /// <summary>Gaussian, plus 5 % of nights slowed by 15–40 % (a throttled or busy phone).</summary>
    Outliers,

    /// <summary>Gaussian whose spread grows 2.5× at a random night, without any change of level.</summary>
    VarianceChange,

    /// <summary>Gaussian on a slow linear drift of ±0.05 %/night (≈ 1.5 % a month: battery ageing, heat).</summary>
    Drift,

    /// <summary>Gaussian, but a quarter of nights sit in a second mode 2 σ slower (work landed on other cores).</summary>
    Bimodal,
}
