/** The recorded history of a chaos run: record schemas, the writer and the reader. */
export * from './history-record';
export * from './record-fields';
export * from './run-records';
export * from './event-records';
export * from './command-records';
export * from './fault-records';
export * from './final-state-records';
export { HistoryWriter, type HistoryWriterOptions } from './history-writer';
export { HistoryFormatError, readHistory, streamHistory } from './history-reader';
