export async function seedNonPenalty() {}
