/**
 * tsyringe, loaded after its Reflect polyfill. Drivers and plugins import
 * `inject`/`injectable` from here so the polyfill is always in place and the
 * host application's one copy of tsyringe is used.
 */
import 'reflect-metadata';
export { inject, injectable, type DependencyContainer, type InjectionToken } from 'tsyringe';
