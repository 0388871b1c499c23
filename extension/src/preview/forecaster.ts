// Runs `community/forecast` for a document: debounced per edit, and a newer request cancels the
// one in flight, so only the latest text's forecast is ever shown.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { FORECAST_REQUEST, type ForecastParams, type ForecastResult } from '../../../protocol/forecast.js';

export interface ForecastRequestOptions {
    runs?: number;
    seed?: number;
    scenario?: string | null;
    compareScenario?: string | null;
    sensitivity?: boolean;
}

/** Quiet time after a forecast before the slower sensitivity analysis is requested. */
export const SENSITIVITY_IDLE_MS = 900;

export function forecastSettings(): { runs: number; seed: number; debounceMs: number } {
    const config = vscode.workspace.getConfiguration('community');
    return {
        runs: config.get<number>('preview.runs', 500),
        seed: config.get<number>('seed', 42),
        debounceMs: config.get<number>('preview.debounceMs', 150),
    };
}

export async function requestForecast(
    client: LanguageClient,
    uri: vscode.Uri,
    options: ForecastRequestOptions,
    token?: vscode.CancellationToken,
): Promise<ForecastResult> {
    const settings = forecastSettings();
    const params: ForecastParams = {
        uri: client.code2ProtocolConverter.asUri(uri),
        runs: options.runs ?? settings.runs,
        seed: options.seed ?? settings.seed,
    };
    if (options.scenario) params.scenario = options.scenario;
    if (options.compareScenario !== undefined && options.compareScenario !== null) params.compareScenario = options.compareScenario || 'base';
    if (options.sensitivity) params.sensitivity = true;
    return client.sendRequest<ForecastResult>(FORECAST_REQUEST, params, token);
}

/** Debounces and supersedes forecast requests for one consumer (the preview or the status bar). */
export class Forecaster implements vscode.Disposable {
    private timer: ReturnType<typeof setTimeout> | undefined;
    private inFlight: vscode.CancellationTokenSource | undefined;
    private generation = 0;

    constructor(private readonly getClient: () => LanguageClient | undefined) {}

    /**
     * Schedules a forecast; `onStart` runs when the request is sent, `onResult` only if no newer
     * request was scheduled meanwhile. Errors other than cancellation go to `onError`.
     */
    schedule(
        uri: vscode.Uri,
        options: ForecastRequestOptions,
        handlers: {
            onStart?: () => void;
            onResult: (r: ForecastResult) => void;
            onError: (message: string) => void;
            /** When given, a second request adds the (slower) sensitivity analysis after the first result. */
            onSensitivity?: (r: ForecastResult) => void;
        },
        delayMs = forecastSettings().debounceMs,
    ): void {
        const generation = ++this.generation;
        if (this.timer) clearTimeout(this.timer);
        this.inFlight?.cancel();
        this.timer = setTimeout(async () => {
            this.timer = undefined;
            const client = this.getClient();
            if (!client) return handlers.onError(vscode.l10n.t('The Community language server is not running.'));
            const cts = new vscode.CancellationTokenSource();
            this.inFlight = cts;
            handlers.onStart?.();
            try {
                const result = await requestForecast(client, uri, { ...options, sensitivity: false }, cts.token);
                if (generation !== this.generation || cts.token.isCancellationRequested) return;
                handlers.onResult(result);
                if (handlers.onSensitivity && result.status === 'ok') {
                    // The analysis blocks the server for a while: only start it once typing pauses.
                    await new Promise<void>((resolve) => setTimeout(resolve, SENSITIVITY_IDLE_MS));
                    if (generation !== this.generation || cts.token.isCancellationRequested) return;
                    const full = await requestForecast(client, uri, { ...options, sensitivity: true }, cts.token);
                    if (generation === this.generation && !cts.token.isCancellationRequested) handlers.onSensitivity(full);
                }
            } catch (error) {
                if (generation !== this.generation || cts.token.isCancellationRequested) return;
                handlers.onError(error instanceof Error ? error.message : String(error));
            } finally {
                cts.dispose();
                if (this.inFlight === cts) this.inFlight = undefined;
            }
        }, delayMs);
    }

    dispose(): void {
        if (this.timer) clearTimeout(this.timer);
        this.inFlight?.cancel();
    }
}
