package io.omniprep.wds;

import java.util.Locale;

/**
 * The reader a WebDataset output's {@code .nv-meta/dataset.yaml} names ({@code --energonReader}); the
 * tar members stay what the layout makes.
 */
public enum EnergonReader {
  /**
   * The reader the layout's members are made for: Energon's {@code VQASample} (vqa), Pai's
   * {@code megatron_patch.data.energon.chatml} (chatml; Pai with Energon 4.0.0), Pai's current
   * {@code megatron_patch.data.multimodal_dataset} (chatml-omni), Energon's crude dataset (raw).
   */
  LAYOUT,
  /**
   * Energon's {@code CrudeWebdataset}: samples arrive as dicts of raw members and the training's
   * task encoder turns them into its own sample type with a cooker. Loads in every Energon from
   * 4.0.0 on without any Pai module, and is what Energon 7's cookers ({@code need_primary},
   * {@code aux:}) expect.
   */
  CRUDE;

  /** The {@code dataset.yaml} for samples written in {@code layout}. */
  public String datasetYaml(SampleLayout layout) {
    return this == CRUDE ? Layout.RAW.layout().datasetYaml() : layout.datasetYaml();
  }

  /** {@code layout} or {@code crude}. */
  public static EnergonReader parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown Energon reader '" + name + "' (expected layout or crude)", e);
    }
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
