import '@testing-library/jest-dom';
import React from 'react';
import ReactDOM from 'react-dom';
import { createH5NativeComponentConfig } from '@tarojs/plugin-framework-react/dist/runtime';

// Taro's hooks (useLoad, useDidShow…) need React registered with the runtime first.
createH5NativeComponentConfig(() => null, React, ReactDOM);
