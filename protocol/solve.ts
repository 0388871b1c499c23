// The `community/solve` request behind the "Find the spend that reaches this" CodeLens: the server
// runs the goal seek (engine/solve.ts, the same code as `community solve`) for the plan's paid
// channels off the typing path, reports progress with `community/solveProgress`, answers the
// solved scenario as a text edit (the same text `community solve --write NAME` appends), and stops
// between candidate evaluations when the client cancels the request (error -32800).
// Plain JSON only, shared by the server and the extension host (lint-enforced).

export const SOLVE_REQUEST = 'community/solve';
export const SOLVE_PROGRESS_NOTIFICATION = 'community/solveProgress';
/** The VS Code command the KPI's CodeLens runs; arguments: plan URI, KPI name. */
export const SOLVE_KPI_COMMAND = 'community.solveKpi';
/** Required probability the CodeLens asks for. */
export const SOLVE_DEFAULT_PROBABILITY = 0.8;

export interface SolveParams {
    /** The plan document's URI as the client knows it. */
    uri: string;
    /** The KPI's name in the plan model (as `community solve --kpi` takes it). */
    kpi: string;
    /** Required probability of meeting the KPI (0–1; default 0.8). */
    probability?: number;
    /** Monte Carlo runs per candidate (default: the CLI's 1000). */
    runs?: number;
    /** Seed of every candidate (default: the CLI's). */
    seed?: number;
    /** Chosen by the client to match the progress notifications to this request. */
    progressId?: string;
}

export interface SolveProgress {
    progressId: string;
    done: number;
    total: number;
}

export interface SolvedLever {
    /** `DouyinAds.paid` */
    lever: string;
    min: number;
    max: number;
    value: number;
    /** The value the plan writes (undefined when unset). */
    plan?: number;
}

export interface TextEditView {
    range: { start: { line: number; character: number }; end: { line: number; character: number } };
    newText: string;
}

export type SolveResponse =
    | {
          status: 'ok';
          uri: string;
          /** The document version the answer was computed for (the edit applies to it). */
          version: number;
          kpi: string;
          probability: number;
          /** True when the KPI reaches the probability within the ranges. */
          reached: boolean;
          /** P(KPI met) at the answer. */
          achieved: number;
          /** Mean total cost over the horizon at the answer, in the plan currency. */
          cost: number;
          currency: string;
          levers: SolvedLever[];
          evaluations: number;
          /** Name of the scenario the edit adds. */
          scenario: string;
          /** Appends `scenario NAME { … }` to the plan. */
          edit: TextEditView;
          /** One line for the user, in the server's language. */
          summary: string;
      }
    | { status: 'errors' | 'unavailable'; uri: string; message: string };
