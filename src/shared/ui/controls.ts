/**
 * The Taro form and media components the app uses outside 首页 (Picker, Input, Textarea, Image,
 * Canvas, the native Button). Every page imports them from here, not from '@tarojs/components': on H5,
 * controls.h5.ts builds them as a module of their own, so 首页's first load does not carry their
 * implementations (docs/adr/0004). On the mini-programs (and in tests) they are Taro's own.
 */
export { Button, Canvas, Image, Input, Picker, Textarea } from '@tarojs/components';
