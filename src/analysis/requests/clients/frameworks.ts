import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { enclosingClass, isFunctionNode, memberName, staticKeyName, unwrap, walk } from '../../ast-utils.js';
import { moduleRef, resolveIdentifier, type ModuleRef } from '../../values/bindings.js';
import { constantString } from '../../values/values.js';
import { EMPTY_HEADERS, headersFromOptions } from '../headers.js';
import type { ClientDescriptor, HttpCall, SourceCode } from '../types.js';
import { AXIOS, readClientCall, type ConfiguredSpec } from './configured.js';
import { METHODS, NO_BODY_METHODS, setUrl } from './shared.js';

/** An injected HTTP client class: where it is imported from and what it is called. */
interface InjectedClass {
  sources: readonly string[];
  name: string;
}

const NEST_HTTP: InjectedClass = { sources: ['@nestjs/axios', '@nestjs/common'], name: 'HttpService' };
const ANGULAR_HTTP: InjectedClass = { sources: ['@angular/common/http'], name: 'HttpClient' };

function isClass(ref: ModuleRef | undefined, wanted: InjectedClass): boolean {
  return ref !== undefined && wanted.sources.includes(ref.source) && ref.path.length === 1 && ref.path[0] === wanted.name;
}

/** The class a type annotation names (`http: HttpClient`), as a module reference. */
function annotated(annotation: TSESTree.TSTypeAnnotation | undefined, sourceCode: SourceCode): ModuleRef | undefined {
  const type = annotation?.typeAnnotation;
  if (type?.type !== AST_NODE_TYPES.TSTypeReference || type.typeName.type !== AST_NODE_TYPES.Identifier) return undefined;
  return moduleRef(type.typeName, sourceCode);
}

/** `inject(HttpClient)` (Angular's function injection): the injected class. */
function injected(value: TSESTree.Node | null | undefined, sourceCode: SourceCode): ModuleRef | undefined {
  const call = value && unwrap(value);
  if (call?.type !== AST_NODE_TYPES.CallExpression || !call.arguments[0]) return undefined;
  const ref = moduleRef(call.callee, sourceCode);
  return ref?.path[ref.path.length - 1] === 'inject' ? moduleRef(call.arguments[0], sourceCode) : undefined;
}

/** The class of a parameter, by its annotation. */
function parameterClass(param: TSESTree.Parameter, name: string, sourceCode: SourceCode): ModuleRef | undefined {
  const inner = param.type === AST_NODE_TYPES.TSParameterProperty ? param.parameter : param;
  const id = inner.type === AST_NODE_TYPES.AssignmentPattern ? inner.left : inner;
  return id.type === AST_NODE_TYPES.Identifier && id.name === name ? annotated(id.typeAnnotation, sourceCode) : undefined;
}

/** The injected class `this.<name>` holds: a parameter property, a typed or `inject()`ed field, or a typed constructor parameter assigned to it. */
function fieldClass(member: TSESTree.MemberExpression, name: string, sourceCode: SourceCode): ModuleRef | undefined {
  const cls = enclosingClass(member);
  if (!cls) return undefined;
  for (const element of cls.body.body) {
    if (element.type === AST_NODE_TYPES.PropertyDefinition && staticKeyName(element.key, element.computed) === name) {
      const ref = injected(element.value, sourceCode) ?? annotated(element.typeAnnotation, sourceCode);
      if (ref) return ref;
    }
    if (element.type !== AST_NODE_TYPES.MethodDefinition || element.kind !== 'constructor') continue;
    for (const param of element.value.params) {
      if (param.type === AST_NODE_TYPES.TSParameterProperty) {
        const ref = parameterClass(param, name, sourceCode);
        if (ref) return ref;
      }
    }
    // constructor(http: HttpClient) { this.http = http; }
    let found: ModuleRef | undefined;
    walk(element.value.body ?? element.value, (n) => {
      if (found || (isFunctionNode(n) && n !== element.value)) return false;
      if (n.type === AST_NODE_TYPES.AssignmentExpression && n.left.type === AST_NODE_TYPES.MemberExpression && memberName(n.left) === name && n.right.type === AST_NODE_TYPES.Identifier) {
        const from = n.right.name;
        for (const param of element.value.params) found ??= parameterClass(param, from, sourceCode);
      }
      return undefined;
    });
    if (found) return found;
  }
  return undefined;
}

/** The injected client class an expression holds (`this.http`, a typed parameter, `inject(HttpClient)`). */
function injectedClassOf(node: TSESTree.Node, sourceCode: SourceCode): ModuleRef | undefined {
  const current = unwrap(node);
  if (current.type === AST_NODE_TYPES.MemberExpression && unwrap(current.object).type === AST_NODE_TYPES.ThisExpression) {
    const name = memberName(current);
    return name === undefined ? undefined : fieldClass(current, name, sourceCode);
  }
  if (current.type !== AST_NODE_TYPES.Identifier) return undefined;
  const binding = resolveIdentifier(current, sourceCode);
  if (binding.kind === 'expression') return injected(binding.node, sourceCode);
  if (binding.kind === 'parameter') {
    for (const param of binding.fn.params) {
      const ref = parameterClass(param, current.name, sourceCode);
      if (ref) return ref;
    }
  }
  return undefined;
}

const NEST_SPEC: ConfiguredSpec = { ...AXIOS, id: 'nest-http' };

/**
 * NestJS's `HttpService` (an axios wrapper returning Observables, usually inside
 * `firstValueFrom(…)`): `this.http.post(url, data, config)`, `this.http.axiosRef.get(url)`.
 */
export const nestHttpClient: ClientDescriptor = {
  id: 'nest-http',
  words: ['HttpService'],
  callee: { node: 'call', members: new Set([...METHODS, 'request']), modules: NEST_HTTP.sources },
  instanceDefaults: true,
  recognise(node, sourceCode) {
    if (node.type !== AST_NODE_TYPES.CallExpression) return undefined;
    const callee = unwrap(node.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    const method = memberName(callee);
    if (method === undefined || (method !== 'request' && !METHODS.has(method))) return undefined;
    let holder = unwrap(callee.object);
    if (holder.type === AST_NODE_TYPES.MemberExpression && memberName(holder) === 'axiosRef') holder = unwrap(holder.object);
    if (!isClass(injectedClassOf(holder, sourceCode), NEST_HTTP)) return undefined;
    return readClientCall(node, { spec: NEST_SPEC, headers: EMPTY_HEADERS }, method, sourceCode);
  },
};

/**
 * Angular's `HttpClient`: `http.get(url, { headers })`, `http.post(url, body, { headers })`,
 * `http.request(method, url, { body, headers })`; headers as objects or `HttpHeaders`.
 */
export const angularHttpClient: ClientDescriptor = {
  id: 'angular-http',
  words: ['HttpClient'],
  callee: { node: 'call', members: new Set([...METHODS, 'request']), modules: ANGULAR_HTTP.sources },
  recognise(node, sourceCode) {
    if (node.type !== AST_NODE_TYPES.CallExpression) return undefined;
    const callee = unwrap(node.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    const name = memberName(callee);
    if (name === undefined || (name !== 'request' && !METHODS.has(name))) return undefined;
    if (!isClass(injectedClassOf(callee.object, sourceCode), ANGULAR_HTTP)) return undefined;
    const args = node.arguments;
    let urlArg: TSESTree.Node | undefined;
    let bodyArg: TSESTree.Node | undefined;
    let optionsArg: TSESTree.Node | undefined;
    const call: HttpCall = { node, client: 'angular-http', headers: EMPTY_HEADERS };
    if (name === 'request') {
      const [methodArg, url, options] = args;
      if (!methodArg) return undefined;
      [urlArg, optionsArg] = [url, options];
      call.methodNode = methodArg;
      const method = constantString(methodArg, sourceCode);
      if (method) call.method = method.toUpperCase();
    } else {
      call.method = name.toUpperCase();
      call.methodNode = callee.property;
      if (NO_BODY_METHODS.has(name)) [urlArg, optionsArg] = args;
      else [urlArg, bodyArg, optionsArg] = args;
    }
    if (optionsArg) {
      call.optionsNode = optionsArg;
      call.headers = headersFromOptions(optionsArg, sourceCode);
    }
    if (bodyArg) call.bodyNode = bodyArg;
    setUrl(call, urlArg, sourceCode);
    return call;
  },
};
