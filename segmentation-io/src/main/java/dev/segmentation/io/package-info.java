/**
 * Input and output: CSV sources, model files, CSV and JSON outputs, charts.
 *
 * <p><b>CSV sources.</b> {@link dev.segmentation.io.CsvTransactionReader} reads
 * {@link dev.segmentation.data.Transactions} through a column mapping, streaming and straight from bytes (RFC 4180
 * quoting, any delimiter, UTF-8 or a declared charset, gzip detected by its magic bytes). Bad rows fail with the
 * file, the physical line, the column and the text, or are skipped and counted under
 * {@link dev.segmentation.data.InvalidRowPolicy#SKIP}; structural faults are
 * {@link dev.segmentation.io.CsvFormatException}s. {@link dev.segmentation.io.CsvPresets} holds ready mappings
 * for UCI Online Retail, Walmart train and Predict Future Sales; {@link dev.segmentation.io.OlistPayments} turns
 * the Olist payments file (no customer, no timestamp) into per-order payment features.
 *
 * <p><b>Database source.</b> {@link dev.segmentation.io.JdbcTransactionReader} reads transactions from any SQL query
 * with the same kind of column mapping, fetched in batches, bad rows named by row number and column.
 *
 * <p><b>Model files.</b> {@link dev.segmentation.io.SegmentationModels} saves a fitted model to one JSON file (every
 * step as its plain-data state, exact doubles, a SHA-256 checksum over the payload, provenance) and loads it back
 * to predict bit for bit as before; bad files are refused with a {@link dev.segmentation.io.ModelFileException}.
 * {@link dev.segmentation.io.StepFiles} saves any other ordered list of steps (e.g. feature steps and a classifier)
 * with the same conventions.
 *
 * <p><b>Outputs, charts, report.</b> {@link dev.segmentation.io.AssignmentTable} writes per-entity assignments
 * (segment ID, name, strength, outlier score, eligibility status) as CSV and JSON;
 * {@link dev.segmentation.io.SegmentOutputs} the segment profiles and the model's summary table as CSV and JSON;
 * {@link dev.segmentation.io.JsonOutputs} profiles and plain assignments as JSON;
 * {@link dev.segmentation.io.Charts} draws PNG and SVG charts headless with XChart;
 * {@link dev.segmentation.io.HtmlReport} writes one self-contained HTML page per model.
 *
 * <p><b>CSV outputs.</b> {@link dev.segmentation.io.CsvWriter} writes feature tables, per-entity assignments and
 * any header-plus-rows table atomically (temporary file, then a move), with doubles that read back to the same bits.
 */
package dev.segmentation.io;
