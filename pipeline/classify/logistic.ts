/**
 * Multinomial logistic regression (softmax) over sparse features, trained by full-batch gradient descent
 * with AdaGrad steps and an L2 penalty. Full batches in a fixed order make training deterministic: the
 * same examples give the same weights, byte for byte.
 */
export interface SoftmaxWeights {
  labels: string[];
  bias: number[];
  /** Feature name → one weight per label. */
  weights: Record<string, number[]>;
}

export interface TrainingOptions {
  epochs: number;
  rate: number;
  l2: number;
}

export const DEFAULT_TRAINING: TrainingOptions = { epochs: 200, rate: 0.5, l2: 0.0005 };

function softmax(scores: number[]): number[] {
  const max = Math.max(...scores);
  const exps = scores.map((s) => Math.exp(s - max));
  const total = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / total);
}

export function trainSoftmax(examples: { features: Map<string, number>; label: string }[], labels: string[], options: TrainingOptions = DEFAULT_TRAINING): SoftmaxWeights {
  const k = labels.length;
  const index = new Map<string, number>();
  // Each example as parallel arrays of feature indices and values, so that an epoch allocates nothing.
  const rows = examples.map((e) => {
    const features = new Int32Array(e.features.size);
    const values = new Float64Array(e.features.size);
    let i = 0;
    for (const [name, value] of e.features) {
      if (!index.has(name)) index.set(name, index.size);
      features[i] = index.get(name)!;
      values[i] = value;
      i += 1;
    }
    return { features, values, label: labels.indexOf(e.label) };
  });
  const w = new Float64Array(index.size * k);
  const b = new Float64Array(k);
  const gw = new Float64Array(w.length);
  const gb = new Float64Array(k);
  const hw = new Float64Array(w.length).fill(1e-8);
  const hb = new Float64Array(k).fill(1e-8);
  const p = new Float64Array(k);
  const n = Math.max(1, rows.length);
  for (let epoch = 0; epoch < options.epochs; epoch += 1) {
    gw.fill(0);
    gb.fill(0);
    for (const row of rows) {
      let max = -Infinity;
      for (let c = 0; c < k; c += 1) {
        let score = b[c]!;
        for (let j = 0; j < row.features.length; j += 1) score += w[row.features[j]! * k + c]! * row.values[j]!;
        p[c] = score;
        if (score > max) max = score;
      }
      let total = 0;
      for (let c = 0; c < k; c += 1) {
        p[c] = Math.exp(p[c]! - max);
        total += p[c]!;
      }
      for (let c = 0; c < k; c += 1) {
        const error = (p[c]! / total - (c === row.label ? 1 : 0)) / n;
        gb[c]! += error;
        for (let j = 0; j < row.features.length; j += 1) gw[row.features[j]! * k + c]! += error * row.values[j]!;
      }
    }
    for (let i = 0; i < w.length; i += 1) {
      const g = gw[i]! + options.l2 * w[i]!;
      hw[i]! += g * g;
      w[i]! -= (options.rate * g) / Math.sqrt(hw[i]!);
    }
    for (let c = 0; c < k; c += 1) {
      hb[c]! += gb[c]! * gb[c]!;
      b[c]! -= (options.rate * gb[c]!) / Math.sqrt(hb[c]!);
    }
  }
  const round = (x: number) => Math.round(x * 1e6) / 1e6;
  const weights: Record<string, number[]> = {};
  for (const [name, f] of [...index].sort(([a], [c]) => (a < c ? -1 : a > c ? 1 : 0))) weights[name] = Array.from(w.subarray(f * k, f * k + k), round);
  return { labels, bias: Array.from(b, round), weights };
}

/** Probability of each label, in the order of `model.labels`. */
export function predictSoftmax(model: SoftmaxWeights, features: Map<string, number>): number[] {
  const scores = [...model.bias];
  for (const [name, x] of features) {
    const row = model.weights[name];
    if (row) for (let c = 0; c < scores.length; c += 1) scores[c]! += row[c]! * x;
  }
  return softmax(scores);
}
