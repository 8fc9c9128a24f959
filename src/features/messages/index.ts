export { MessagesScreen, openMessage } from './MessagesScreen';
export { MessagesEntry, MESSAGES_PAGE } from './MessagesEntry';
export { useMessages } from './store';
export { pageOf, EVENT_LABELS } from './targets';
