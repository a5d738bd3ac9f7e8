// Command line
export { runCli, errorExitCode } from './run-cli.js';
export { runDriftCommand } from './drift-command.js';
export { runSampleCommand } from './sample-command.js';
export { processIo } from './cli-io.js';
export type { CliIo, CliOutput } from './cli-io.js';

// Reading data
export { readDataset } from './read-dataset.js';
export type { ReadDatasetOptions, ReadDatasetResult } from './read-dataset.js';
export { readDatasetPair } from './read-dataset-pair.js';
export type { ReadDatasetPairOptions } from './read-dataset-pair.js';
export { detectInputFormat, inputFormats } from './detect-input-format.js';
export type { InputFormat } from './detect-input-format.js';
export { createDatasetBuilder } from './dataset-builder.js';
export type { BuiltDataset, DatasetBuilder, DatasetBuilderOptions } from './dataset-builder.js';
export { createColumnBuilder } from './column-builder.js';
export type { ColumnBuilder, ColumnBuilderOptions } from './column-builder.js';
export type { BuiltColumn, BuiltColumnCommon, CategoricalBuiltColumn, NumericBuiltColumn } from './built-column.js';
export { materializeColumn } from './materialize-column.js';
export { recodeAsCategorical } from './recode-as-categorical.js';
export { alignDatasets } from './align-datasets.js';
export type { AlignedDatasets, ColumnValues } from './align-datasets.js';

// Output
export { formatDriftTable } from './format-drift-table.js';
export type { DriftTableOptions } from './format-drift-table.js';
export { renderHtmlReport } from './render-html-report.js';
export type { HtmlReportOptions } from './render-html-report.js';
export { distributionChart, chartColors } from './distribution-chart.js';
export { reportNotes } from './report-notes.js';
export { startProgressReporter } from './progress-reporter.js';
export type { ProgressReporter, ProgressReporterOptions } from './progress-reporter.js';

// Sample data
export { generateTelcoSample, sampleScenarios, telcoSampleColumns } from './generate-telco-sample.js';
export type { SampleScenario, TelcoSampleOptions } from './generate-telco-sample.js';
